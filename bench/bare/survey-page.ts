// The yardstick for functions/surveys/survey-page: GetSecretValue at init (the link-signing key); per
// request the invitation, the customer's contact and the response (three consistent GetItems, as
// DynamoDbSurveyAnswerStore), and a SendMessage of the answer on a POST or a one-click score
// (SqsMessageQueue). The token is not verified (its id part is the key), the page is one line of
// HTML: no validation, no templates, no logging or metrics.
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

const tableName = process.env.TABLE_NAME;
const queueUrl = process.env.SURVEY_ANSWER_QUEUE_URL;
const dynamodb = new DynamoDBClient({});
const sqs = new SQSClient({});
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
  const response = await getItem(`INVITATION#${invitationId}`, 'RESPONSE');
  const score = event.queryStringParameters?.score;
  const answer = event.requestContext.http.method === 'POST' ? event.body : score && JSON.stringify({ csat: Number(score) });
  if (answer) await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify({ invitationId, answer }) }));
  return {
    statusCode: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: `<!doctype html><html lang="${contact?.locale ?? 'en'}"><p>${response ? 'answered' : 'open'}</p></html>`,
  };
};
