import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { Schedule } from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import type { EscalationRules } from '../../functions/escalation/contracts/escalation-rules.ts';
import { CALENDAR_WARNING_DAYS } from '../../functions/escalation/core/check-calendar-coverage.ts';
import { escalationRulesEnvironment } from '../escalation-settings.ts';
import type { FeedbackTable } from './feedback-table.ts';
import { PipelineFunction, pipelineMetricsNamespace } from './pipeline-function.ts';
import { ScheduledFunction } from './scheduled-function.ts';

export interface SlaWatcherProps {
  readonly table: FeedbackTable;
  /** The validated escalation rules: their SLA clocks, calendars and chains (`ESCALATION_RULES`, gzipped as every function gets them). */
  readonly rules: EscalationRules;
  /** Minutes between runs: the latest a warning or a step can come after it is due. @default 1 */
  readonly intervalMinutes?: number;
  /** Escalations per index page. @default 25 */
  readonly pageSize?: number;
  /** Pages one run reads at most. @default 40 */
  readonly maxPages?: number;
  /** Seconds one run may start work in; the function's timeout is this plus 20 s. @default 40 */
  readonly timeBudgetSeconds?: number;
  /** The SES account's sending rate: a run mails its steps no faster, and leaves what does not fit to the sweep. @default 14 */
  readonly sesMaxSendRate?: number;
}

/**
 * The SLA watcher: an EventBridge Scheduler schedule runs `watch-escalation-slas`, which pages
 * through the escalations with a warning or an acknowledgement due (the sparse gsi3) and moves
 * each one step, with its audit entry and its email in the outbox, conditionally on the version it
 * read. A run stops at its page limit or time budget, well before its timeout; the rest stays on
 * the index for the next run.
 */
export class SlaWatcher extends Construct {
  public readonly watcher: PipelineFunction;
  public readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: SlaWatcherProps) {
    super(scope, id);
    const intervalMinutes = props.intervalMinutes ?? 1;
    const timeBudgetSeconds = props.timeBudgetSeconds ?? 40;

    this.watcher = new PipelineFunction(this, 'WatchEscalationSlas', {
      name: 'watch-escalation-slas',
      timeout: Duration.seconds(timeBudgetSeconds + 20),
      environment: {
        ...escalationRulesEnvironment(props.rules),
        WATCH_PAGE_SIZE: String(props.pageSize ?? 25),
        WATCH_MAX_PAGES: String(props.maxPages ?? 40),
        WATCH_TIME_BUDGET_SECONDS: String(timeBudgetSeconds),
        SES_MAX_SEND_RATE: String(props.sesMaxSendRate ?? 14),
      },
    });
    props.table.grantSlaWatcherTo(this.watcher.fn);

    // A retried or late run is harmless: every step is conditional on the version read.
    // 'Default' keeps the logical IDs the role and schedule had before ScheduledFunction existed.
    this.schedule = new ScheduledFunction(this, 'Default', {
      fn: this.watcher.fn,
      scheduleId: 'WatchSchedule',
      description: 'Warns, escalates and flags breaches of unacknowledged escalations.',
      every: Duration.minutes(intervalMinutes),
      passScheduledTime: true,
    }).schedule;
    // Each run reports how many days each region's holiday calendar still covers; an admin extends
    // it in the console (or a deploy takes the library's next years) before it runs out.
    for (const region of Object.keys(props.rules.regions)) {
      new Alarm(this, `HolidayCalendarEnding-${region}`, {
        alarmDescription: `The holiday calendar of region ${region} ends within ${CALENDAR_WARNING_DAYS} days: after it, every weekday counts as working for SLA clocks. Add the coming holidays and a later last day in the console's Holiday calendars, or deploy again for a library calendar. docs/runbook.md#holiday-calendar-ending`,
        metric: new Metric({
          namespace: pipelineMetricsNamespace(this),
          metricName: 'HolidayCalendarDaysLeft',
          dimensionsMap: { service: 'watch-escalation-slas', Region: region },
          statistic: 'Minimum',
          period: Duration.hours(1),
        }),
        threshold: CALENDAR_WARNING_DAYS,
        comparisonOperator: ComparisonOperator.LESS_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        // A watcher that stops reporting is its own incident, not a calendar's.
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
    }
  }
}
