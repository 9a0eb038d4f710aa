import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { loadSigningKeyRing } from '../../links/adapters/secrets-manager-signing-key.ts';
import { SqsMessageQueue } from '../../platform/queue/sqs-message-queue.ts';
import { complaintSubmissionSchema } from '../contracts/complaint-submission.ts';
import type { ComplaintAcceptedMessage } from '../contracts/complaint-accepted-message.ts';
import { acceptComplaint } from '../core/accept-complaint.ts';
import { publicLink } from '../../links/core/public-link.ts';
import { callDependency } from '../../platform/http/call-dependency.ts';
import { httpHandler } from '../../platform/http/http-handler.ts';
import { jsonResponse } from '../../platform/http/json-response.ts';
import { readJsonBody } from '../../platform/http/read-json-body.ts';
import { publicBaseUrlSetting } from '../../links/settings/public-base-url-setting.ts';
import { idempotencyKeyOf } from '../../platform/http/request-context.ts';
import { logger } from '../../platform/logging/logger.ts';
import { metrics } from '../../platform/logging/metrics.ts';
import { daysSetting, listSetting, readRuntimeConfig, requiredSetting } from '../../platform/settings/runtime-config.ts';

const config = readRuntimeConfig(
  {
    COMPLAINT_QUEUE_URL: requiredSetting,
    SIGNING_KEY_SECRET_ARN: requiredSetting,
    COMPLAINT_CATEGORIES: listSetting,
    STATUS_TOKEN_TTL_DAYS: daysSetting,
    PUBLIC_BASE_URL: publicBaseUrlSetting,
  },
  process.env,
);
const queue = new SqsMessageQueue<ComplaintAcceptedMessage>(new SQSClient({}), config.COMPLAINT_QUEUE_URL);
const signingKeys = await loadSigningKeyRing(new SecretsManagerClient({}), config.SIGNING_KEY_SECRET_ARN);
const submissionSchema = complaintSubmissionSchema(config.COMPLAINT_CATEGORIES);
// From configuration, never from the request: Host and X-Forwarded-* are whatever the client sent.
const statusEndpoint = publicLink(config.PUBLIC_BASE_URL, '/complaints/status');

/** `POST /complaints`: validate, queue, and answer at once with the reference and status link. */
export const handle = async (event: APIGatewayProxyEventV2) => {
  const submission = readJsonBody(event, submissionSchema);
  const { message, receipt } = acceptComplaint(submission, {
    idempotencyKey: idempotencyKeyOf(event),
    now: new Date(),
    signingKey: signingKeys.current,
    statusTokenTtlDays: config.STATUS_TOKEN_TTL_DAYS,
    statusEndpoint,
  });
  await callDependency(queue.send(message));
  logger.info('Complaint accepted', { complaintId: receipt.complaintId, category: submission.category });
  metrics.addMetric('ComplaintAccepted', MetricUnit.Count, 1);
  return jsonResponse(202, receipt);
};

export const handler = httpHandler(handle, { metrics });
