// The yardstick for functions/surveys/unsubscribe: GetSecretValue at init (the link-signing key); per
// request the invitation and the customer's contact (two consistent GetItems, as
// DynamoDbSurveyAnswerStore), and on a POST the opt-out's TransactWriteItems (history, decision
// line). The token is not verified (its id part is the key), the page is one line of HTML: no
// validation, no templates, no logging or metrics.
import { DynamoDBClient, GetItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

const tableName = process.env.TABLE_NAME;
const dynamodb = new DynamoDBClient({});
const secret = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: process.env.SIGNING_KEY_SECRET_ARN }));
export const signingKey = secret.SecretString;

const getItem = async (pk: string, sk: string) => {
  const { Item } = await dynamodb.send(new GetItemCommand({ TableName: tableName, Key: marshall({ pk, sk }), ConsistentRead: true }));
  return Item ? unmarshall(Item) : undefined;
};

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const invitationId = (event.pathParameters?.token ?? '').split('.')[1];
  const invitation = await getItem(`INVITATION#${invitationId}`, 'INVITATION');
  if (!invitation) return { statusCode: 404, body: 'Not found' };
  const contact = await getItem(`CUSTOMER#${invitation.customerId}`, 'CONTACT');
  const page = (text: string): APIGatewayProxyStructuredResultV2 => ({
    statusCode: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: `<!doctype html><html lang="${contact?.locale ?? 'en'}"><p>${text}</p></html>`,
  });
  if (event.requestContext.http.method !== 'POST') return page('unsubscribe?');
  const at = new Date().toISOString();
  await dynamodb.send(
    new TransactWriteItemsCommand({
      TransactItems: [
        {
          Update: {
            TableName: tableName,
            Key: marshall({ pk: `CUSTOMER#${invitation.customerId}`, sk: 'HISTORY' }),
            UpdateExpression: 'SET optedOut = :true, optedOutAt = :at',
            ExpressionAttributeValues: marshall({ ':true': true, ':at': at }),
          },
        },
        { Put: { TableName: tableName, Item: marshall({ pk: `CUSTOMER#${invitation.customerId}`, sk: `DECISION#${at}`, invitationId }) } },
      ],
    }),
  );
  return page('unsubscribed');
};
