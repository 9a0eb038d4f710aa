import { Duration, Stack, Token } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Schedule } from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import { parsePublicBaseUrl } from '../../functions/links/core/public-base-url.ts';
import type { FeedbackTable } from './feedback-table.ts';
import { IntakeQueue } from './intake-queue.ts';
import type { LinkSigningKey } from './link-signing-key.ts';
import { PipelineFunction } from './pipeline-function.ts';
import { ScheduledFunction } from './scheduled-function.ts';
import type { SurveyPolicySettings } from '../../functions/surveys/contracts/survey-policy-settings.ts';
import { surveyPolicyEnvironment } from '../survey-settings.ts';
import { mailerConcurrency } from '../../functions/surveys/core/plan-dispatch-run.ts';

export interface SurveyMailProps {
  readonly table: FeedbackTable;
  readonly signingKey: LinkSigningKey;
  /** The base every survey and unsubscribe link starts with (`PUBLIC_BASE_URL`). */
  readonly publicBaseUrl: string;
  /**
   * The From address of survey emails. On AWS it must be an SES identity verified outside this
   * stack (the address, or its domain with DKIM); the stack grants sending from it but does not
   * create it. Locally any address works.
   */
  readonly senderAddress: string;
  /** The configuration set publishing bounces and complaints (SurveyMailEvents). */
  readonly configurationSetName: string;
  /** The validated survey policy (reminder delay, expiry), passed as `SURVEY_POLICY`. */
  readonly policy: SurveyPolicySettings;
  /** The account's SES sending rate in emails per second (`SES_MAX_SEND_RATE`). @default 14 */
  readonly sesMaxSendRate?: number;
  /** Minutes between dispatcher runs. @default 1 */
  readonly dispatchIntervalMinutes?: number;
}

/**
 * Survey emails: an EventBridge Scheduler schedule runs `dispatch-invitations` (due invitations
 * and reminders, from the sparse indexes, onto the notifications queue, at most SES's rate times
 * the interval per run), and `send-invitation-email` mails each one through SES v2 with the
 * configuration set, its event source mapping's concurrency and its own pace together holding
 * the same rate in every second.
 */
export class SurveyMail extends Construct {
  public readonly dispatcher: PipelineFunction;
  public readonly mailer: PipelineFunction;
  public readonly notifications: IntakeQueue;
  public readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: SurveyMailProps) {
    super(scope, id);
    if (!Token.isUnresolved(props.publicBaseUrl)) parsePublicBaseUrl(props.publicBaseUrl);
    const sesMaxSendRate = props.sesMaxSendRate ?? 14;
    const intervalMinutes = props.dispatchIntervalMinutes ?? 1;
    const surveyPolicy = surveyPolicyEnvironment(props.policy);

    this.mailer = new PipelineFunction(this, 'SendInvitationEmail', {
      name: 'send-invitation-email',
      timeout: Duration.seconds(30),
      environment: {
        ...surveyPolicy,
        PUBLIC_BASE_URL: props.publicBaseUrl,
        SENDER_ADDRESS: props.senderAddress,
        CONFIGURATION_SET_NAME: props.configurationSetName,
        // The mailer spaces its SES calls (mailerSendIntervalMs) for the mapping's mailerConcurrency below.
        SES_MAX_SEND_RATE: String(sesMaxSendRate),
      },
    });
    // A batch of ten takes about a second at the mailer's pace (20 s at SES's lowest rate, within
    // the 30 s timeout), so these invocations together keep under SES's rate in every second.
    this.notifications = new IntakeQueue(this, 'NotificationQueue', {
      consumer: this.mailer.fn,
      maxConcurrency: mailerConcurrency(sesMaxSendRate),
    });
    this.dispatcher = new PipelineFunction(this, 'DispatchInvitations', {
      name: 'dispatch-invitations',
      timeout: Duration.seconds(60),
      environment: {
        ...surveyPolicy,
        SES_MAX_SEND_RATE: String(sesMaxSendRate),
        DISPATCH_INTERVAL_SECONDS: String(intervalMinutes * 60),
      },
    });
    this.notifications.grantSendTo(this.dispatcher.fn, 'NOTIFICATION_QUEUE_URL');
    props.table.grantSurveyStoreTo(this.dispatcher.fn);
    props.table.grantSurveyStoreTo(this.mailer.fn);
    props.signingKey.grantReadTo(this.mailer.fn);
    const { region, account, partition } = Stack.of(this);
    const identityArn = (identity: string) => `arn:${partition}:ses:${region}:${account}:identity/${identity}`;
    this.mailer.fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        // SES checks the identity (the address, or its verified domain) and the configuration set.
        resources: [
          identityArn(props.senderAddress),
          identityArn(props.senderAddress.split('@').at(-1)!),
          `arn:${partition}:ses:${region}:${account}:configuration-set/${props.configurationSetName}`,
        ],
      }),
    );

    // A retried or late run is harmless: runs lease what they queue.
    // 'Default' keeps the logical IDs the role and schedule had before ScheduledFunction existed.
    this.schedule = new ScheduledFunction(this, 'Default', {
      fn: this.dispatcher.fn,
      scheduleId: 'DispatchSchedule',
      description: 'Queues due survey invitations and reminders.',
      every: Duration.minutes(intervalMinutes),
      passScheduledTime: true,
    }).schedule;
  }
}
