// The yardstick for functions/intake/submit-feedback: one SendMessage per request and nothing else.
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

const queueUrl = process.env.FEEDBACK_QUEUE_URL;
const sqs = new SQSClient({});

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const submission: unknown = JSON.parse(event.body ?? '{}');
  await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(submission) }));
  return { statusCode: 202, body: '{"accepted":true}' };
};
