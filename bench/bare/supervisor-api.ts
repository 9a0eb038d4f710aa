// The yardstick for functions/supervisor-api: GetSecretValue at init (the cursor key), then per
// request the calls of one action (a consistent GetItem and a TransactWriteItems of two Puts) or
// of one listing (a Query), through @aws-sdk/util-dynamodb as the real adapter. No validation,
// no claims, no routing. Not yet in bench/bundling.ts's FUNCTION_NAMES: the cold-start and CPU
// benches need its events and SDK answers first.
import { DynamoDBClient, GetItemCommand, QueryCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

const tableName = process.env.TABLE_NAME;
const dynamodb = new DynamoDBClient({});
const secret = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: process.env.SIGNING_KEY_SECRET_ARN }));
export const signingKey = secret.SecretString;

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const id = event.pathParameters?.id ?? '';
  if (event.routeKey === 'GET /escalations') {
    const { Items } = await dynamodb.send(
      new QueryCommand({ TableName: tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: marshall({ ':p': 'x' }) }),
    );
    return { statusCode: 200, body: JSON.stringify((Items ?? []).map((item) => unmarshall(item))) };
  }
  const { Item } = await dynamodb.send(
    new GetItemCommand({ TableName: tableName, Key: marshall({ pk: `ESCALATION#${id}`, sk: 'ESCALATION' }), ConsistentRead: true }),
  );
  const current = Item ? unmarshall(Item) : {};
  await dynamodb.send(
    new TransactWriteItemsCommand({
      TransactItems: [
        { Put: { TableName: tableName, Item: marshall({ ...current, status: 'claimed' }) } },
        { Put: { TableName: tableName, Item: marshall({ pk: `ESCALATION#${id}`, sk: `AUDIT#${Date.now()}` }) } },
      ],
    }),
  );
  return { statusCode: 200, body: JSON.stringify(current) };
};
