import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { ContextAttribute, Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { SurveyPolicySettings } from '../../functions/surveys/contracts/survey-policy-settings.ts';
import { surveyPolicyEnvironment } from '../survey-settings.ts';
import type { FeedbackTable } from './feedback-table.ts';
import { IntakeQueue } from './intake-queue.ts';
import { PipelineFunction } from './pipeline-function.ts';

export interface SurveyCampaignsProps {
  readonly table: FeedbackTable;
  readonly policy: SurveyPolicySettings;
  /**
   * When campaigns start, as an EventBridge Scheduler expression (UTC).
   * @default 'cron(0 6 1 1,4,7,10 ? *)': quarterly, 06:00 UTC on the first day of the quarter
   */
  readonly schedule?: string;
  /** Months of customers seen that a campaign draws from, counting the month it runs in. @default 3 */
  readonly periodMonths?: number;
  /** The share of the customers seen that is asked. @default 1 */
  readonly sampleFraction?: number;
  /** At most this many customers per campaign. @default 100000 */
  readonly maxSampleSize?: number;
  /** SES sending rate (emails per second) the invitations are staggered by. @default 14 */
  readonly sesMaxSendRate?: number;
  /** The schedule's name, unique in the account and region (a stage prefixes it). @default CAMPAIGN_SCHEDULE_NAME */
  readonly scheduleName?: string;
}

/** The default stage's campaign schedule name: `POST {controlUrl}/schedules/relationship-survey-campaign/run` fires it locally. */
export const CAMPAIGN_SCHEDULE_NAME = 'relationship-survey-campaign';

/**
 * Periodic relationship (NPS) surveys: an EventBridge Scheduler schedule starts `start-campaign`,
 * which samples the customers seen in the period and queues them in chunks; `invite-campaign-chunk`
 * creates each chunk's invitations (opt-outs, suppression and the 90-day throttle checked per
 * customer), staggered by the SES sending rate for the dispatcher.
 */
export class SurveyCampaigns extends Construct {
  public readonly start: PipelineFunction;
  public readonly invite: PipelineFunction;
  public readonly chunks: IntakeQueue;
  public readonly schedule: Schedule;
  /** Where a start that failed all its tries waits: Scheduler's and Lambda's async failures. */
  public readonly failedStarts: Queue;

  constructor(scope: Construct, id: string, props: SurveyCampaignsProps) {
    super(scope, id);
    const policyEnvironment = surveyPolicyEnvironment(props.policy);
    this.invite = new PipelineFunction(this, 'InviteCampaignChunk', {
      name: 'invite-campaign-chunk',
      timeout: Duration.seconds(60),
      environment: policyEnvironment,
    });
    // One chunk per invocation: the chunk is sized to half the timeout, and a failure retries one chunk.
    this.chunks = new IntakeQueue(this, 'ChunkQueue', { consumer: this.invite.fn, batchSize: 1 });

    this.start = new PipelineFunction(this, 'StartCampaign', {
      name: 'start-campaign',
      timeout: Duration.seconds(120),
      environment: {
        ...policyEnvironment,
        SES_MAX_SEND_RATE: String(props.sesMaxSendRate ?? 14),
        CAMPAIGN_PERIOD_MONTHS: String(props.periodMonths ?? 3),
        CAMPAIGN_SAMPLE_FRACTION: String(props.sampleFraction ?? 1),
        CAMPAIGN_MAX_SAMPLE_SIZE: String(props.maxSampleSize ?? 100_000),
        CAMPAIGN_CHUNK_TIMEOUT_SECONDS: String(this.invite.fn.timeout?.toSeconds() ?? 60),
      },
    });
    this.chunks.grantSendTo(this.start.fn, 'CAMPAIGN_QUEUE_URL');
    props.table.grantSurveyStoreTo(this.start.fn);
    props.table.grantSurveyStoreTo(this.invite.fn);

    this.failedStarts = new Queue(this, 'FailedStarts', { enforceSSL: true, encryption: QueueEncryption.SQS_MANAGED, retentionPeriod: Duration.days(14) });
    for (const id of ['Serverless-SQSRedrivePolicy', 'AwsSolutions-SQS3']) {
      Validations.of(this.failedStarts).acknowledge({
        id,
        reason: 'This queue is itself the dead letter of failed campaign starts; they wait here for inspection, not for another queue.',
      });
    }
    new Alarm(this, 'FailedStartsAlarm', {
      alarmDescription:
        'A relationship campaign did not start (Scheduler or Lambda gave up on start-campaign): its event waits in the FailedStarts queue. docs/runbook.md#failed-campaign-start',
      metric: this.failedStarts.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    // Scheduler invokes asynchronously: Lambda's own retries end here too, not only Scheduler's.
    this.start.fn.configureAsyncInvoke({ retryAttempts: 2, onFailure: new SqsDestination(this.failedStarts) });

    // An own role, so the acknowledgement below sits on the construct that causes it.
    const schedulerRole = new Role(this, 'SchedulerRole', { assumedBy: new ServicePrincipal('scheduler.amazonaws.com') });
    const startFunctionId = Stack.of(this).getLogicalId(this.start.fn.node.defaultChild as CfnFunction);
    Validations.of(schedulerRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${startFunctionId}.Arn>:*]`,
      reason: 'LambdaInvoke grants invoking the start-campaign function and its versions (`<arn>:*`); the wildcard covers only that one function.',
    });
    this.schedule = new Schedule(this, 'Schedule', {
      scheduleName: props.scheduleName ?? CAMPAIGN_SCHEDULE_NAME,
      description: 'Starts a relationship (NPS) survey campaign over the customers seen in the period',
      schedule: ScheduleExpression.expression(props.schedule ?? 'cron(0 6 1 1,4,7,10 ? *)'),
      target: new LambdaInvoke(this.start.fn, {
        role: schedulerRole,
        // The scheduled time names the campaign, so a retried or re-run start invites nobody twice.
        input: ScheduleTargetInput.fromObject({ scheduledTime: ContextAttribute.scheduledTime }),
        deadLetterQueue: this.failedStarts,
        retryAttempts: 3,
        maxEventAge: Duration.hours(6),
      }),
    });
  }
}
