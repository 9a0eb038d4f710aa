import { SQSClient } from '@aws-sdk/client-sqs';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { SqsMessageQueue } from '../shared/adapters/sqs-message-queue.ts';
import { feedbackSubmissionSchema } from '../shared/contracts/feedback-submission.ts';
import type { FeedbackAcceptedMessage } from '../shared/contracts/queue-messages.ts';
import { acceptFeedback } from '../shared/core/accept-feedback.ts';
import { callDependency } from '../shared/http/call-dependency.ts';
import { httpHandler } from '../shared/http/http-handler.ts';
import { jsonResponse } from '../shared/http/json-response.ts';
import { readJsonBody } from '../shared/http/read-json-body.ts';
import { idempotencyKeyOf } from '../shared/http/request-context.ts';
import { logger } from '../shared/logger.ts';
import { metrics } from '../shared/metrics.ts';
import { readRuntimeConfig, requiredSetting } from '../shared/runtime-config.ts';

const config = readRuntimeConfig({ FEEDBACK_QUEUE_URL: requiredSetting }, process.env);
const queue = new SqsMessageQueue<FeedbackAcceptedMessage>(new SQSClient({}), config.FEEDBACK_QUEUE_URL);

/** `POST /feedback`: validate, queue, answer with the feedback id. */
export const handle = async (event: APIGatewayProxyEventV2) => {
  const submission = readJsonBody(event, feedbackSubmissionSchema);
  const message = acceptFeedback(submission, { idempotencyKey: idempotencyKeyOf(event), now: new Date() });
  await callDependency(queue.send(message));
  logger.info('Feedback accepted', { feedbackId: message.feedbackId, kind: submission.kind });
  metrics.addMetric('FeedbackAccepted', MetricUnit.Count, 1);
  return jsonResponse(202, { feedbackId: message.feedbackId });
};

export const handler = httpHandler(handle, { metrics });
