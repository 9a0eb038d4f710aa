// The yardstick for functions/surveys/record-case-resolution: per request the calls of a scheduled survey
// (DynamoDbCaseIntakeStore): the customer's history (GetItem) and case pointers (Query) in parallel,
// the contact and case context (two conditional PutItems) in parallel, and the schedule's
// TransactWriteItems; items through @aws-sdk/util-dynamodb. No validation, no policy, no logging.
import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

const tableName = process.env.TABLE_NAME;
const dynamodb = new DynamoDBClient({});

const putIfNewer = async (item: Record<string, unknown>, time: string) => {
  try {
    await dynamodb.send(
      new PutItemCommand({
        TableName: tableName,
        Item: marshall(item, { removeUndefinedValues: true }),
        ConditionExpression: 'attribute_not_exists(#time) OR #time <= :time',
        ExpressionAttributeNames: { '#time': 'at' },
        ExpressionAttributeValues: marshall({ ':time': time }),
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
};

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const resolved = JSON.parse(event.body ?? '{}') as Record<string, string>;
  const { caseId, customerId, resolvedAt = '' } = resolved;
  const [history, pointers] = await Promise.all([
    dynamodb.send(new GetItemCommand({ TableName: tableName, Key: marshall({ pk: `CUSTOMER#${customerId}`, sk: 'HISTORY' }), ConsistentRead: true })),
    dynamodb.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :customer',
        ExpressionAttributeValues: marshall({ ':customer': `CUSTOMER#${customerId}` }),
      }),
    ),
  ]);
  const seen = { ...(history.Item ? unmarshall(history.Item) : {}), cases: (pointers.Items ?? []).map((item) => unmarshall(item)) };
  await Promise.all([
    putIfNewer({ pk: `CUSTOMER#${customerId}`, sk: 'CONTACT', ...resolved, at: resolvedAt }, resolvedAt),
    putIfNewer({ pk: `CASE#${caseId}`, sk: 'CONTEXT', ...resolved, at: resolvedAt }, resolvedAt),
  ]);
  const invitationId = `${caseId}-${seen.cases.length}`;
  await dynamodb.send(
    new TransactWriteItemsCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName,
            Item: marshall({ pk: `INVITATION#${invitationId}`, sk: 'INVITATION', ...resolved }),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: tableName,
            Item: marshall({ pk: `CASE#${caseId}`, sk: 'INVITATION', invitationId }),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Update: {
            TableName: tableName,
            Key: marshall({ pk: `CUSTOMER#${customerId}`, sk: 'HISTORY' }),
            UpdateExpression: 'SET lastScheduledAt = :at',
            ExpressionAttributeValues: marshall({ ':at': resolvedAt }),
          },
        },
        { Put: { TableName: tableName, Item: marshall({ pk: `CASE#${caseId}`, sk: `DECISION#${resolvedAt}`, invitationId }) } },
      ],
    }),
  );
  return { statusCode: 202, body: JSON.stringify({ invitationId, scheduledFor: resolvedAt }) };
};
