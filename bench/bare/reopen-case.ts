// The yardstick for functions/surveys/reopen-case: per request the case pointer (consistent GetItem), then
// the cancel's TransactWriteItems (invitation, pointer, decision line), as DynamoDbCaseIntakeStore's
// cancelForReopen; items through @aws-sdk/util-dynamodb. No validation, no policy, no logging.
import { DynamoDBClient, GetItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

const tableName = process.env.TABLE_NAME;
const dynamodb = new DynamoDBClient({});

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const { caseId } = JSON.parse(event.body ?? '{}') as { caseId: string };
  const { Item } = await dynamodb.send(
    new GetItemCommand({ TableName: tableName, Key: marshall({ pk: `CASE#${caseId}`, sk: 'INVITATION' }), ConsistentRead: true }),
  );
  if (!Item) return { statusCode: 200, body: '{"invitation":"none"}' };
  const invitation = unmarshall(Item);
  const at = new Date().toISOString();
  await dynamodb.send(
    new TransactWriteItemsCommand({
      TransactItems: [
        {
          Update: {
            TableName: tableName,
            Key: marshall({ pk: `INVITATION#${invitation.invitationId}`, sk: 'INVITATION' }),
            UpdateExpression: 'SET #state = :cancelled, cancelledAt = :at REMOVE gsi1pk, gsi1sk',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: marshall({ ':cancelled': 'cancelled', ':at': at }),
          },
        },
        {
          Update: {
            TableName: tableName,
            Key: marshall({ pk: `CASE#${caseId}`, sk: 'INVITATION' }),
            UpdateExpression: 'SET #state = :cancelled, cancelledAt = :at',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: marshall({ ':cancelled': 'cancelled', ':at': at }),
          },
        },
        { Put: { TableName: tableName, Item: marshall({ pk: `CASE#${caseId}`, sk: `DECISION#${at}`, outcome: 'cancelled' }) } },
      ],
    }),
  );
  return { statusCode: 200, body: JSON.stringify({ invitation: 'cancelled', ...invitation, state: 'cancelled' }) };
};
