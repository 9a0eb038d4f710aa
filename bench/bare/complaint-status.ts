// The yardstick for functions/intake/complaint-status: GetSecretValue at init, one consistent GetItem per
// request, and nothing else (the token is not verified: its id part is used as the key). The key
// and item go through @aws-sdk/util-dynamodb, as the real adapter's do.
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

const tableName = process.env.TABLE_NAME;
const dynamodb = new DynamoDBClient({});
const secret = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: process.env.SIGNING_KEY_SECRET_ARN }));
export const signingKey = secret.SecretString;

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const complaintId = (event.queryStringParameters?.token ?? '').split('.')[0];
  const { Item } = await dynamodb.send(
    new GetItemCommand({
      TableName: tableName,
      Key: marshall({ pk: `COMPLAINT#${complaintId}`, sk: 'COMPLAINT' }),
      ConsistentRead: true,
    }),
  );
  return { statusCode: 200, body: JSON.stringify(Item ? unmarshall(Item) : { status: 'queued' }) };
};
