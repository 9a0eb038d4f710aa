import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { addDeliveries, deliverPaced } from '../core/deliver-paced.ts';
import { escalationNotifier } from '../wiring/escalation-notifier.ts';
import { readRuntimeConfig } from '../../platform/settings/runtime-config.ts';
import { logger } from '../../platform/logging/logger.ts';
import { metrics } from '../../platform/logging/metrics.ts';

const notifier = await escalationNotifier(new DynamoDBClient({}), process.env);
const config = readRuntimeConfig({ SES_MAX_SEND_RATE: z.coerce.number().check(z.gt(0)) }, process.env);
// Items read from the pending index at a time.
const PAGE = 50;
// Room left at the end of the run for the page in flight and the metrics flush.
const SAFETY_MS = 8_000;

/**
 * The outbox sweep (EventBridge Scheduler, every minute): sends what is still on the pending index,
 * whoever wrote it, when the sender's own attempt failed or crashed (the consumer's and the API's
 * fast path, the SLA watcher's, which send at once), page after page at SES's rate until the index
 * is empty or the run's time is up. Each is claimed with a lease first, so two runs at once, or a
 * run and a fast path, send it once; a page whose items are all leased elsewhere ends the run.
 */
export const handle = async (_event?: unknown, context?: Pick<Context, 'getRemainingTimeInMillis'>) => {
  const deadline = Date.now() + (context?.getRemainingTimeInMillis() ?? 50_000) - SAFETY_MS;
  let totals = { pending: 0, sent: 0, claimedElsewhere: 0, undeliverable: 0, failed: 0, left: 0 };
  for (;;) {
    const pending = await notifier.outbox.findPending(PAGE);
    const report = await deliverPaced(
      pending.map((notification) => ({ notification })),
      (chunk) => notifier.deliver(chunk),
      { perSecond: config.SES_MAX_SEND_RATE, timeLeftMs: () => deadline - Date.now() },
    );
    totals = { ...addDeliveries(totals, report), pending: totals.pending + pending.length, left: report.left };
    // A page whose every item another sender holds (or this run's failures still hold) would come back unchanged.
    if (pending.length < PAGE || report.left > 0 || report.claimedElsewhere === pending.length || Date.now() >= deadline - 1000) break;
  }
  metrics.addMetric('NotificationSent', MetricUnit.Count, totals.sent);
  logger.info('Outbox swept', totals);
  return totals;
};

export const handler = middy(handle).use(injectLambdaContext(logger)).use(logMetrics(metrics));
