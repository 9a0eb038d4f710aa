import { SQSClient } from '@aws-sdk/client-sqs';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { SqsMessageQueue } from '../../platform/queue/sqs-message-queue.ts';
import { feedbackSubmissionSchema } from '../contracts/feedback-submission.ts';
import type { FeedbackAcceptedMessage } from '../contracts/feedback-accepted-message.ts';
import { acceptFeedback } from '../core/accept-feedback.ts';
import { callDependency } from '../../platform/http/call-dependency.ts';
import { httpHandler } from '../../platform/http/http-handler.ts';
import { jsonResponse } from '../../platform/http/json-response.ts';
import { readJsonBody } from '../../platform/http/read-json-body.ts';
import { idempotencyKeyOf } from '../../platform/http/request-context.ts';
import { logger } from '../../platform/logging/logger.ts';
import { metrics } from '../../platform/logging/metrics.ts';
import { readRuntimeConfig, requiredSetting } from '../../platform/settings/runtime-config.ts';

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
