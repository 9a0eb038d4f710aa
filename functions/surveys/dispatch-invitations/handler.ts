import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import * as z from 'zod/mini';
import { DynamoDbSurveyDispatchStore } from '../adapters/dynamodb-survey-dispatch-store.ts';
import { SqsMessageBatchQueue } from '../../platform/queue/sqs-message-batch-queue.ts';
import type { SurveyMailDueMessage } from '../contracts/survey-mail-messages.ts';
import { dispatchDueEmails } from '../core/dispatch-due-emails.ts';
import { dispatchRunCap } from '../core/plan-dispatch-run.ts';
import { logger } from '../../platform/logging/logger.ts';
import { metrics } from '../../platform/logging/metrics.ts';
import { readRuntimeConfig, requiredSetting } from '../../platform/settings/runtime-config.ts';
import { sesMaxSendRateSetting } from '../settings/ses-max-send-rate-setting.ts';
import { surveyPolicySetting } from '../settings/survey-policy-setting.ts';

const config = readRuntimeConfig(
  {
    TABLE_NAME: requiredSetting,
    NOTIFICATION_QUEUE_URL: requiredSetting,
    SURVEY_POLICY: surveyPolicySetting,
    SES_MAX_SEND_RATE: sesMaxSendRateSetting,
    DISPATCH_INTERVAL_SECONDS: z.coerce.number().check(z.int(), z.gte(1)),
  },
  process.env,
);
const deps = {
  store: new DynamoDbSurveyDispatchStore(new DynamoDBClient({}), config.TABLE_NAME),
  queue: new SqsMessageBatchQueue<SurveyMailDueMessage>(new SQSClient({}), config.NOTIFICATION_QUEUE_URL),
  settings: config.SURVEY_POLICY,
  runCap: dispatchRunCap(config.SES_MAX_SEND_RATE, config.DISPATCH_INTERVAL_SECONDS),
};

// EventBridge Scheduler's input names the run's scheduled time; the function's clock is the fallback.
const scheduledEvent = z.looseObject({ scheduledTime: z.optional(z.iso.datetime()) });

/** The scheduled dispatcher: queues every invitation and reminder now due, up to SES's rate for one interval. */
export const handle = async (event: unknown) => {
  const parsed = scheduledEvent.safeParse(event ?? {});
  const scheduled = parsed.success && parsed.data.scheduledTime ? new Date(parsed.data.scheduledTime) : undefined;
  // A late run (a retry, a backlog) still sees everything due by now.
  const now = new Date(Math.max(Date.now(), scheduled?.getTime() ?? 0));
  const report = await dispatchDueEmails(deps, now);
  metrics.addMetric('InvitationsQueued', MetricUnit.Count, report.invitations);
  metrics.addMetric('RemindersQueued', MetricUnit.Count, report.reminders);
  if (report.refusedBySqs > 0) metrics.addMetric('DispatchRefusedBySqs', MetricUnit.Count, report.refusedBySqs);
  logger.info('Dispatch run done', { ...report, runCap: deps.runCap });
  return report;
};

export const handler = middy(handle).use(injectLambdaContext(logger)).use(logMetrics(metrics));
