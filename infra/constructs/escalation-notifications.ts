import { Duration, Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { Schedule } from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import type { EscalationSettings } from '../../functions/escalation/contracts/escalation-settings.ts';
import { escalationRulesEnvironment } from '../escalation-settings.ts';
import type { FeedbackTable } from './feedback-table.ts';
import type { LinkSigningKey } from './link-signing-key.ts';
import { PipelineFunction } from './pipeline-function.ts';
import { ScheduledFunction } from './scheduled-function.ts';

export interface EscalationNotificationsProps {
  readonly table: FeedbackTable;
  readonly signingKey: LinkSigningKey;
  /** The validated rules (`ESCALATION_RULES`) and the seed directory they were checked with. */
  readonly settings: EscalationSettings;
  /** The base of the console and status links (`PUBLIC_BASE_URL`). */
  readonly publicBaseUrl: string;
  /** The From address; on AWS an SES identity verified outside the stack. */
  readonly senderAddress: string;
  /** How long a complainant's status link stays valid. @default 180 */
  readonly statusTokenTtlDays?: number;
  /** Minutes between outbox sweeps. @default 1 */
  readonly sweepIntervalMinutes?: number;
  /** The SES account's sending rate, emails a second: the sweep (and the SLA watcher) send no faster. @default 14 */
  readonly sesMaxSendRate?: number;
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
    this.sweep = new PipelineFunction(this, 'SendNotifications', {
      name: 'send-notifications',
      timeout: Duration.seconds(50),
      environment: { SES_MAX_SEND_RATE: String(props.sesMaxSendRate ?? 14) },
    });
    this.grantNotifyingTo(this.sweep.fn);
    props.table.grantOutboxQueryTo(this.sweep.fn);

    // 'Default' keeps the logical IDs the role and schedule had before ScheduledFunction existed.
    this.schedule = new ScheduledFunction(this, 'Default', {
      fn: this.sweep.fn,
      scheduleId: 'SweepSchedule',
      description: 'Sends escalation emails left in the outbox.',
      every: Duration.minutes(props.sweepIntervalMinutes ?? 1),
    }).schedule;
  }

  /** Sets the notifier's variables and grants: outbox claims, complaint and escalation reads, the signing key, SES sending from the sender address. */
  public grantNotifyingTo(fn: LambdaFunction): void {
    const { props } = this;
    const environment = {
      ...escalationRulesEnvironment(props.settings.rules),
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
