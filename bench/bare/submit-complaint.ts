// The yardstick for functions/intake/submit-complaint (DESIGN.md, "Lean functions"): the same AWS SDK
// calls (GetSecretValue at init, SendMessage per request) and nothing else.
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

const queueUrl = process.env.COMPLAINT_QUEUE_URL;
const sqs = new SQSClient({});
const secret = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: process.env.SIGNING_KEY_SECRET_ARN }));
export const signingKey = secret.SecretString;

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const submission: unknown = JSON.parse(event.body ?? '{}');
  await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(submission) }));
  return { statusCode: 202, body: '{"accepted":true}' };
};
