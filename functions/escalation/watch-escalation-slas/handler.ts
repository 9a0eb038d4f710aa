import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { DynamoDbSlaWatchStore } from '../adapters/dynamodb-sla-watch-store.ts';
import { watchEscalationSlas } from '../core/watch-escalation-slas.ts';
import { logger } from '../../platform/logging/logger.ts';
import { metrics } from '../../platform/logging/metrics.ts';
import { readRuntimeConfig, requiredSetting } from '../../platform/settings/runtime-config.ts';
import { escalationRulesSetting } from '../settings/escalation-rules-setting.ts';
import { rostersOf } from '../core/supervisor-directory.ts';
import { coverageByRegion, withCalendarChanges } from '../core/holiday-changes.ts';
import { currentDirectoryOf } from '../wiring/current-directory.ts';
import { escalationNotifier } from '../wiring/escalation-notifier.ts';
import { deliverPaced } from '../core/deliver-paced.ts';

const count = z.coerce.number().check(z.int(), z.gte(1));
const config = readRuntimeConfig(
  {
    TABLE_NAME: requiredSetting,
    ESCALATION_RULES: escalationRulesSetting,
    WATCH_PAGE_SIZE: count,
    WATCH_MAX_PAGES: count,
    WATCH_TIME_BUDGET_SECONDS: count,
    SES_MAX_SEND_RATE: z.coerce.number().check(z.gt(0)),
  },
  process.env,
);
const dynamodb = new DynamoDBClient({});
const store = new DynamoDbSlaWatchStore(dynamodb, config.TABLE_NAME);
const currentDirectory = currentDirectoryOf(dynamodb, config.TABLE_NAME);
const notifier = await escalationNotifier(dynamodb, process.env);
// Room left after the budget for the page in flight and the metrics flush.
const SAFETY_MS = 10_000;

// EventBridge Scheduler's input names the run's scheduled time (shifted by LOCAL_CLOCK_OFFSET locally).
const scheduledEvent = z.looseObject({ scheduledTime: z.optional(z.iso.datetime()) });

/** The scheduled SLA watcher: warns, escalates and flags breaches due now, within its page and time budget. */
export const handle = async (event: unknown, context?: Pick<Context, 'getRemainingTimeInMillis'>) => {
  const startedAt = Date.now();
  const parsed = scheduledEvent.safeParse(event ?? {});
  const scheduled = parsed.success && parsed.data.scheduledTime ? new Date(parsed.data.scheduledTime) : undefined;
  // A late run (a retry, a backlog) still sees everything due by now; a shifted clock runs ahead.
  const now = new Date(Math.max(startedAt, scheduled?.getTime() ?? 0));
  const budgetMs = Math.min(config.WATCH_TIME_BUDGET_SECONDS * 1000, (context?.getRemainingTimeInMillis() ?? Number.POSITIVE_INFINITY) - SAFETY_MS);
  const directory = await currentDirectory();
  const rules = withCalendarChanges(config.ESCALATION_RULES, directory.holidays);
  const report = await watchEscalationSlas(
    {
      store,
      rules,
      rosters: rostersOf(directory, now),
      limits: { pageSize: config.WATCH_PAGE_SIZE, maxPages: config.WATCH_MAX_PAGES },
      timeLeftMs: () => startedAt + budgetMs - Date.now(),
    },
    now,
  );
  metrics.addMetric('EscalationsEscalated', MetricUnit.Count, report.escalated);
  metrics.addMetric('EscalationsWarned', MetricUnit.Count, report.warned);
  metrics.addMetric('EscalationsBreached', MetricUnit.Count, report.breached);
  if (report.contended > 0) metrics.addMetric('EscalationsContended', MetricUnit.Count, report.contended);
  // Each region's days left until its holiday calendar ends: an alarm below 60 warns in time to
  // add next year's days (console) or deploy again (library calendars).
  for (const [region, { daysLeft }] of coverageByRegion(rules, now)) {
    const calendar = metrics.singleMetric();
    calendar.addDimension('Region', region);
    calendar.addMetric('HolidayCalendarDaysLeft', MetricUnit.Count, daysLeft);
  }
  // The steps' emails go out now, at SES's rate, in the time the run has left; the sweep sends what
  // does not fit, or fails, from the outbox.
  const timeLeftMs = () => (context?.getRemainingTimeInMillis() ?? startedAt + (config.WATCH_TIME_BUDGET_SECONDS + 10) * 1000 - Date.now()) - SAFETY_MS / 2;
  const delivered = await deliverPaced(
    report.notifications.map((notification) => ({ notification })),
    (chunk) => notifier.deliver(chunk),
    { perSecond: config.SES_MAX_SEND_RATE, timeLeftMs },
  );
  metrics.addMetric('NotificationSent', MetricUnit.Count, delivered.sent);
  if (report.unknownTeam.length > 0) logger.error('Escalations of teams with no roster', { teams: report.unknownTeam });
  if (report.stoppedBy) logger.warn('SLA watcher left work for the next run', { stoppedBy: report.stoppedBy });
  const { notifications: _notifications, ...counts } = report;
  logger.info('SLA watcher run done', { ...counts, emails: delivered, now: now.toISOString() });
  return { ...counts, emails: delivered };
};

export const handler = middy(handle).use(injectLambdaContext(logger)).use(logMetrics(metrics));
