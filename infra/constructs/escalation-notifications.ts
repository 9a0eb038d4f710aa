import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction, Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import type { EscalationSettings } from '../../functions/escalation/contracts/escalation-settings.ts';
import { escalationSettingsEnvironment } from '../escalation-settings.ts';
import type { FeedbackTable } from './feedback-table.ts';
import type { LinkSigningKey } from './link-signing-key.ts';
import { PipelineFunction } from './pipeline-function.ts';

export interface EscalationNotificationsProps {
  readonly table: FeedbackTable;
  readonly signingKey: LinkSigningKey;
  /** The validated rules and supervisor directory (`ESCALATION_SETTINGS`). */
  readonly settings: EscalationSettings;
  /** The base of the console and status links (`PUBLIC_BASE_URL`). */
  readonly publicBaseUrl: string;
  /** The From address; on AWS an SES identity verified outside the stack. */
  readonly senderAddress: string;
  /** How long a complainant's status link stays valid. @default 180 */
  readonly statusTokenTtlDays?: number;
  /** Minutes between outbox sweeps. @default 1 */
  readonly sweepIntervalMinutes?: number;
}

/**
 * Escalation emails: the outbox sweep `send-notifications` on an EventBridge Scheduler schedule,
 * and `grantNotifyingTo`, which gives a function that writes outbox items (the complaint consumer,
 * the supervisor API) what its fast path needs to send them at once.
 */
export class EscalationNotifications extends Construct {
  public readonly sweep: PipelineFunction;
  public readonly schedule: Schedule;
  private readonly props: EscalationNotificationsProps;

  constructor(scope: Construct, id: string, props: EscalationNotificationsProps) {
    super(scope, id);
    this.props = props;
    this.sweep = new PipelineFunction(this, 'SendNotifications', { name: 'send-notifications', timeout: Duration.seconds(50) });
    this.grantNotifyingTo(this.sweep.fn);
    props.table.grantOutboxQueryTo(this.sweep.fn);

    const scheduleRole = new Role(this, 'ScheduleRole', { assumedBy: new ServicePrincipal('scheduler.amazonaws.com') });
    this.schedule = new Schedule(this, 'SweepSchedule', {
      description: 'Sends escalation emails left in the outbox.',
      schedule: ScheduleExpression.rate(Duration.minutes(props.sweepIntervalMinutes ?? 1)),
      target: new LambdaInvoke(this.sweep.fn, { retryAttempts: 0, role: scheduleRole }),
    });
    const sweepId = Stack.of(this).resolve((this.sweep.fn.node.defaultChild as CfnFunction).logicalId);
    Validations.of(scheduleRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${sweepId}.Arn>:*]`,
      reason: 'grantInvoke adds the function ARN with :* so versions and aliases can be invoked; the role can invoke this one function only.',
    });
    Validations.of(this.sweep.fn).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason:
        'The sweep is invoked by its schedule with no retry; an unsent email stays on the pending index for the next run, so there is nothing to dead-letter.',
    });
  }

  /** Sets the notifier's variables and grants: outbox claims, complaint and escalation reads, the signing key, SES sending from the sender address. */
  public grantNotifyingTo(fn: LambdaFunction): void {
    const { props } = this;
    const environment = {
      ...escalationSettingsEnvironment(props.settings),
      PUBLIC_BASE_URL: props.publicBaseUrl,
      NOTIFICATION_SENDER_ADDRESS: props.senderAddress,
      STATUS_TOKEN_TTL_DAYS: String(props.statusTokenTtlDays ?? 180),
    };
    for (const [name, value] of Object.entries(environment)) fn.addEnvironment(name, value);
    props.table.grantOutboxSendingTo(fn);
    props.signingKey.grantReadTo(fn);
    const { region, account, partition } = Stack.of(this);
    const identityArn = (identity: string) => `arn:${partition}:ses:${region}:${account}:identity/${identity}`;
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [identityArn(props.senderAddress), identityArn(props.senderAddress.split('@').at(-1)!)],
      }),
    );
  }
}
