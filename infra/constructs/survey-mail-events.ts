import { Duration, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { ConfigurationSet, EmailSendingEvent, EventDestination, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import type { FeedbackTable } from './feedback-table.ts';
import { IntakeQueue } from './intake-queue.ts';
import { PipelineFunction } from './pipeline-function.ts';

export interface SurveyMailEventsProps {
  readonly table: FeedbackTable;
  /** The configuration set's name, fixed so functions get it as a plain value (no intrinsic to resolve locally). */
  readonly configurationSetName: string;
}

/**
 * Bounces and complaints: an SES v2 configuration set that publishes them to EventBridge's default
 * bus, a rule (source `aws.ses`, this configuration set only) delivering them to a queue with a
 * dead-letter queue, and `record-delivery-events`, which suppresses the addresses. Locally the rule
 * never fires (aws-ses-v2-local publishes no events); tests put events of the same shape on the queue.
 */
export class SurveyMailEvents extends Construct {
  /**
   * Bounce rate (a fraction) that fires {@link bounceRateAlarm}: under the 5% at which SES puts an
   * account under review (10% may pause its sending), so there is time to act before the review.
   */
  static readonly BOUNCE_RATE_LIMIT = 0.04;
  /** Complaint rate that fires {@link complaintRateAlarm}: under SES's review level of 0.1% (0.5% may pause sending). */
  static readonly COMPLAINT_RATE_LIMIT = 0.0008;

  /** The account's SES bounce rate reached {@link SurveyMailEvents.BOUNCE_RATE_LIMIT} (docs/runbook.md#ses-bounce-rate). */
  public readonly bounceRateAlarm: Alarm;
  /** The account's SES complaint rate reached {@link SurveyMailEvents.COMPLAINT_RATE_LIMIT} (docs/runbook.md#ses-complaint-rate). */
  public readonly complaintRateAlarm: Alarm;
  public readonly configurationSet: ConfigurationSet;
  public readonly consumer: PipelineFunction;
  public readonly queue: IntakeQueue;
  public readonly rule: Rule;

  constructor(scope: Construct, id: string, props: SurveyMailEventsProps) {
    super(scope, id);
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: props.configurationSetName,
      // SES's account-level suppression list is the first guard; the pipeline's own list is the second,
      // and the one its decision log can explain.
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.configurationSet.addEventDestination('ToEventBridge', {
      destination: EventDestination.eventBus(EventBus.fromEventBusName(this, 'DefaultBus', 'default')),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });

    this.consumer = new PipelineFunction(this, 'RecordDeliveryEvents', { name: 'record-delivery-events', timeout: Duration.seconds(30) });
    this.queue = new IntakeQueue(this, 'DeliveryEventQueue', { consumer: this.consumer.fn });
    this.rule = new Rule(this, 'BouncesAndComplaints', {
      description: 'SES bounces and complaints of the survey configuration set, to the delivery-events queue.',
      eventPattern: {
        source: ['aws.ses'],
        detailType: ['Email Bounced', 'Email Complaint Received'],
        detail: { mail: { tags: { 'ses:configuration-set': [props.configurationSetName] } } },
      },
      // Events that EventBridge cannot deliver wait in the queue's own dead-letter queue.
      targets: [new SqsQueue(this.queue.queue, { deadLetterQueue: this.queue.deadLetterQueue, retryAttempts: 185, maxEventAge: Duration.hours(24) })],
    });
    props.table.grantSurveyStoreTo(this.consumer.fn);
    // SES judges the account, not the configuration set: these are the rates its review looks at,
    // so a second stage in the same account and region shares them (docs/runbook.md says so).
    const reputationAlarm = (id: string, rate: 'Bounce' | 'Complaint', limit: number, reviewedAt: string) =>
      new Alarm(this, id, {
        alarmDescription: `The account's SES ${rate.toLowerCase()} rate reached ${limit * 100}% (SES reviews at ${reviewedAt}). docs/runbook.md#ses-${rate.toLowerCase()}-rate`,
        metric: new Metric({ namespace: 'AWS/SES', metricName: `Reputation.${rate}Rate`, statistic: 'Maximum', period: Duration.minutes(15) }),
        threshold: limit,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
    this.bounceRateAlarm = reputationAlarm('BounceRateAlarm', 'Bounce', SurveyMailEvents.BOUNCE_RATE_LIMIT, '5%');
    this.complaintRateAlarm = reputationAlarm('ComplaintRateAlarm', 'Complaint', SurveyMailEvents.COMPLAINT_RATE_LIMIT, '0.1%');
    Validations.of(this.queue.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This is the dead-letter queue of the delivery-events queue and of its EventBridge target; it needs none of its own.',
    });
  }
}
