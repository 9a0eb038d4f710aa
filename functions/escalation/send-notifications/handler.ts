import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { escalationNotifier } from '../wiring/escalation-notifier.ts';
import { logger } from '../../platform/logging/logger.ts';
import { metrics } from '../../platform/logging/metrics.ts';

const notifier = await escalationNotifier(new DynamoDBClient({}), process.env);
// A run sends at most this many; more wait for the next run, a minute later.
const PAGE = 50;

/**
 * The outbox sweep (EventBridge Scheduler, every minute): sends every notification still on the
 * pending index, whoever wrote it (the consumer's and the API's fast path failed or crashed, the
 * SLA watcher's `escalated` and `ack_warning`). Each is claimed with a lease first, so two runs
 * at once, or a run and a fast path, send it once.
 */
export const handle = async () => {
  const pending = await notifier.outbox.findPending(PAGE);
  const report = await notifier.deliver(pending.map((notification) => ({ notification })));
  metrics.addMetric('NotificationSent', MetricUnit.Count, report.sent);
  logger.info('Outbox swept', { pending: pending.length, ...report });
  return report;
};

export const handler = middy(handle).use(injectLambdaContext(logger)).use(logMetrics(metrics));
