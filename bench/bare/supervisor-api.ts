// The yardstick for functions/escalation/supervisor-api: GetSecretValue at init (the cursor key) and the
// notifier (see bare-notifier.ts); per request the calls of one route, through
// @aws-sdk/util-dynamodb as the real adapters: a listing is one Query per unresolved status of the
// caller's team (open, claimed, acknowledged), a detail a consistent Query
// of the escalation's items and a GetItem of its complaint, an action a consistent GetItem and a
// TransactWriteItems of two Puts, and a resolve also the complaint's GetItem and the
// complainant's email. No validation, no claims, no routing table.
import { DynamoDBClient, GetItemCommand, QueryCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { bareNotifier } from './bare-notifier.ts';

const tableName = process.env.TABLE_NAME;
const secret = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: process.env.SIGNING_KEY_SECRET_ARN }));
export const signingKey = secret.SecretString;
const dynamodb = new DynamoDBClient({});
const notifier = await bareNotifier(dynamodb);

const getItem = async (pk: string, sk: string, consistent: boolean) => {
  const { Item } = await dynamodb.send(new GetItemCommand({ TableName: tableName, Key: marshall({ pk, sk }), ConsistentRead: consistent }));
  return Item ? unmarshall(Item) : undefined;
};

export const handler = async (event: APIGatewayProxyEventV2WithJWTAuthorizer): Promise<APIGatewayProxyStructuredResultV2> => {
  const id = event.pathParameters?.id ?? '';
  if (event.routeKey === 'GET /escalations') {
    const team = String(event.requestContext.authorizer.jwt.claims['custom:team']);
    const pages = await Promise.all(
      ['open', 'claimed', 'acknowledged'].map((status) =>
        dynamodb.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :partition',
            ExpressionAttributeValues: marshall({ ':partition': `ESCALATIONS#${team}#${status}` }),
            Limit: 50,
          }),
        ),
      ),
    );
    return { statusCode: 200, body: JSON.stringify(pages.flatMap(({ Items }) => (Items ?? []).map((item) => unmarshall(item)))) };
  }
  if (event.routeKey === 'GET /escalations/{id}') {
    const { Items } = await dynamodb.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: marshall({ ':pk': `ESCALATION#${id}` }),
        ConsistentRead: true,
      }),
    );
    const complaint = await getItem(`COMPLAINT#${id}`, 'COMPLAINT', false);
    return { statusCode: 200, body: JSON.stringify({ items: (Items ?? []).map((item) => unmarshall(item)), complaint }) };
  }
  const current = (await getItem(`ESCALATION#${id}`, 'ESCALATION', true)) ?? {};
  await dynamodb.send(
    new TransactWriteItemsCommand({
      TransactItems: [
        { Put: { TableName: tableName, Item: marshall({ ...current, status: 'claimed' }) } },
        { Put: { TableName: tableName, Item: marshall({ pk: `ESCALATION#${id}`, sk: `AUDIT#${Date.now()}` }) } },
      ],
    }),
  );
  if (event.routeKey === 'POST /escalations/{id}/resolve' && (await getItem(`COMPLAINT#${id}`, 'COMPLAINT', false))) {
    await notifier.deliver([{ notificationId: `${id}-resolved`, escalationId: id }]);
  }
  return { statusCode: 200, body: JSON.stringify(current) };
};
