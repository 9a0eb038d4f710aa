import { type Duration, Stack, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, MathExpression, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction, Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
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
  /** Why the function needs no dead-letter queue (the acknowledged Serverless-LambdaDLQ finding): what the next run picks up. */
  readonly noDeadLetterReason: string;
}

/**
 * A function run by an EventBridge Scheduler rate schedule with no Scheduler retry: every such
 * function here works off an index, so the next run, one interval later, finds what a failed run
 * left. Its own role may invoke this one function only; the two cdk-nag findings that follows
 * from (the `:*` of grantInvoke, no dead-letter queue) are acknowledged with their reasons.
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
 *   noDeadLetterReason: 'The sweep is invoked by its schedule with no retry; an unsent email stays on the pending index for the next run.',
 * });
 */
export class ScheduledFunction extends Construct {
  /** Runs in a row without one success before {@link silenceAlarm} fires. */
  static readonly SILENT_RUNS = 5;

  public readonly schedule: Schedule;
  public readonly role: Role;
  /** Fires when the function has not once succeeded in {@link ScheduledFunction.SILENT_RUNS} intervals: a watcher that fails every run, or is never invoked, is an incident. */
  public readonly silenceAlarm: Alarm;

  constructor(scope: Construct, id: string, props: ScheduledFunctionProps) {
    super(scope, id);
    this.role = new Role(this, 'ScheduleRole', { assumedBy: new ServicePrincipal('scheduler.amazonaws.com') });
    this.schedule = new Schedule(this, props.scheduleId, {
      description: props.description,
      schedule: ScheduleExpression.rate(props.every),
      target: new LambdaInvoke(props.fn, {
        ...(props.passScheduledTime ? { input: ScheduleTargetInput.fromObject({ scheduledTime: ContextAttribute.scheduledTime }) } : {}),
        retryAttempts: 0,
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
      reason: props.noDeadLetterReason,
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
      alarmDescription: `${props.description} It has not succeeded in ${ScheduledFunction.SILENT_RUNS} runs in a row (failing, or not invoked): its work waits. Look at its log group's errors and at the schedule's state.`,
      metric: succeeded,
      threshold: 1,
      comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: ScheduledFunction.SILENT_RUNS,
      datapointsToAlarm: ScheduledFunction.SILENT_RUNS,
      treatMissingData: TreatMissingData.BREACHING,
    });
  }
}
