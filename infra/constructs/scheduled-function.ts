import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, MathExpression, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction, Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { ContextAttribute, Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';

export interface ScheduledFunctionProps {
  /** The function the schedule invokes. */
  readonly fn: LambdaFunction;
  /** The Schedule's construct id (its logical ID derives from it, so a deployed one keeps it). */
  readonly scheduleId: string;
  readonly description: string;
  /** Time between runs: a rate schedule. */
  readonly every: Duration;
  /** Whether each run gets `{ scheduledTime }`, the time it was due. @default false */
  readonly passScheduledTime?: boolean;
}

/**
 * A function run by an EventBridge Scheduler rate schedule. Every such function here works off an
 * index, so the next run, one interval later, finds what a failed run left; a retried run is
 * harmless (runs lease what they take, and every step is conditional on the version read).
 * - Scheduler retries an invoke it could not deliver (throttled, say) within one minute, and
 *   Lambda retries a run that threw twice; a run that still failed waits in {@link failedRuns},
 *   whose alarm says so. Nothing needs a redrive: purge it once the cause is understood.
 * - {@link silenceAlarm} fires when no run succeeded in {@link ScheduledFunction.SILENT_RUNS} intervals.
 * Its own role may invoke this one function only (the `:*` of grantInvoke is acknowledged).
 *
 * Create it with the id `Default`: CDK leaves a `Default` id out of logical IDs, so the role and
 * the schedule keep the logical IDs they had when their owner created them itself, and a deployed
 * stack replaces nothing.
 *
 * @example
 * new ScheduledFunction(this, 'Default', {
 *   fn: sweep.fn,
 *   scheduleId: 'SweepSchedule',
 *   description: 'Sends escalation emails left in the outbox.',
 *   every: Duration.minutes(1),
 * });
 */
export class ScheduledFunction extends Construct {
  /** Runs in a row without one success before {@link silenceAlarm} fires. */
  static readonly SILENT_RUNS = 5;

  public readonly schedule: Schedule;
  public readonly role: Role;
  /** Runs that failed every try (Scheduler's undelivered invokes and Lambda's failed runs), kept 14 days for a look. */
  public readonly failedRuns: Queue;
  /** {@link failedRuns} holds a run (docs/runbook.md#failed-scheduled-runs). */
  public readonly failedRunsAlarm: Alarm;
  /** Fires when the function has not once succeeded in {@link ScheduledFunction.SILENT_RUNS} intervals: a watcher that fails every run, or is never invoked, is an incident. */
  public readonly silenceAlarm: Alarm;

  constructor(scope: Construct, id: string, props: ScheduledFunctionProps) {
    super(scope, id);
    this.role = new Role(this, 'ScheduleRole', { assumedBy: new ServicePrincipal('scheduler.amazonaws.com') });
    this.failedRuns = new Queue(this, `${props.scheduleId}FailedRuns`, {
      enforceSSL: true,
      encryption: QueueEncryption.SQS_MANAGED,
      retentionPeriod: Duration.days(14),
    });
    for (const id of ['Serverless-SQSRedrivePolicy', 'AwsSolutions-SQS3']) {
      Validations.of(this.failedRuns).acknowledge({
        id,
        reason: 'This queue is itself the dead letter of failed scheduled runs; they wait here for a look, not for another queue.',
      });
    }
    // Lambda's two retries of a run that threw overlap later runs harmlessly; a run that failed all
    // three tries lands in failedRuns, so one failing run is seen even if the next one succeeds.
    props.fn.configureAsyncInvoke({ retryAttempts: 2, maxEventAge: Duration.minutes(10), onFailure: new SqsDestination(this.failedRuns) });
    this.schedule = new Schedule(this, props.scheduleId, {
      description: props.description,
      schedule: ScheduleExpression.rate(props.every),
      target: new LambdaInvoke(props.fn, {
        ...(props.passScheduledTime ? { input: ScheduleTargetInput.fromObject({ scheduledTime: ContextAttribute.scheduledTime }) } : {}),
        // Retries of an undelivered invoke, within the minute before the next run is due.
        retryAttempts: 2,
        maxEventAge: Duration.minutes(1),
        deadLetterQueue: this.failedRuns,
        role: this.role,
      }),
    });
    const functionId = Stack.of(this).resolve((props.fn.node.defaultChild as CfnFunction).logicalId);
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${functionId}.Arn>:*]`,
      reason: 'grantInvoke adds the function ARN with :* so versions and aliases can be invoked; the role can invoke this one function only.',
    });
    Validations.of(props.fn).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason: 'Its failed asynchronous runs go to an on-failure destination, the failedRuns queue, which Lambda prefers to a function dead-letter queue.',
    });
    this.failedRunsAlarm = new Alarm(this, `${props.scheduleId}FailedRunsAlarm`, {
      alarmDescription: `${props.description} A run failed every try and waits in its failed-runs queue. docs/runbook.md#failed-scheduled-runs`,
      metric: this.failedRuns.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    // Successful runs per interval: invocations less errors, a missing interval counting as none.
    const succeeded = new MathExpression({
      expression: 'FILL(invocations, 0) - FILL(errors, 0)',
      usingMetrics: {
        invocations: props.fn.metricInvocations({ period: props.every, statistic: 'Sum' }),
        errors: props.fn.metricErrors({ period: props.every, statistic: 'Sum' }),
      },
      period: props.every,
      label: 'Successful runs',
    });
    this.silenceAlarm = new Alarm(this, `${props.scheduleId}Silent`, {
      alarmDescription: `${props.description} It has not succeeded in ${ScheduledFunction.SILENT_RUNS} runs in a row (failing, or not invoked): its work waits. docs/runbook.md#scheduled-function-silent`,
      metric: succeeded,
      threshold: 1,
      comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: ScheduledFunction.SILENT_RUNS,
      datapointsToAlarm: ScheduledFunction.SILENT_RUNS,
      treatMissingData: TreatMissingData.BREACHING,
    });
  }
}
