import { Duration, Names, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface IntakeQueueProps {
  /** The function that consumes the queue; its timeout sets the visibility timeout. */
  readonly consumer: LambdaFunction;
  /**
   * Receives before a message moves to the dead-letter queue: five tries ride out throttling
   * and short outages; a poison message then waits in the DLQ for redrive.
   * @default 5
   */
  readonly maxReceiveCount?: number;
  /** @default 10 */
  readonly batchSize?: number;
  /** @default Duration.days(14), the SQS maximum */
  readonly deadLetterRetention?: Duration;
  /**
   * How long the event source mapping gathers messages before invoking the consumer, so one
   * invocation (and one DeleteMessageBatch) serves many when answers trickle in. @default - none: invoke at once
   */
  readonly maxBatchingWindow?: Duration;
  /** Most concurrent consumer invocations this queue drives (2 to 1000), e.g. to respect a downstream rate. @default - no limit */
  readonly maxConcurrency?: number;
}

/** A queue, its dead-letter queue and alarm, and the Lambda consumer reporting partial batch failures. */
export class IntakeQueue extends Construct {
  public readonly queue: Queue;
  public readonly deadLetterQueue: Queue;
  public readonly deadLetterAlarm: Alarm;
  /** The oldest message waited longer than {@link oldestMessageAgeLimit} for three minutes running (docs/runbook.md#oldest-message-age). */
  public readonly oldestMessageAlarm: Alarm;
  /**
   * Twice the visibility timeout, and at least five minutes: a message that failed once comes back
   * after one visibility timeout, so an older one has failed twice or waits for a consumer that is
   * not polling.
   */
  public readonly oldestMessageAgeLimit: Duration;

  constructor(scope: Construct, id: string, props: IntakeQueueProps) {
    super(scope, id);
    const consumerTimeout = props.consumer.timeout ?? Duration.seconds(3);
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      enforceSSL: true,
      encryption: QueueEncryption.SQS_MANAGED,
      retentionPeriod: props.deadLetterRetention ?? Duration.days(14),
    });
    // At least six times the function timeout, plus the batching window a message may wait in,
    // per the Lambda SQS event source docs, so a message is not redelivered while a throttled or
    // retried invocation still holds it.
    const visibilityTimeout = Duration.seconds(consumerTimeout.toSeconds() * 6 + (props.maxBatchingWindow?.toSeconds() ?? 0));
    this.queue = new Queue(this, 'Queue', {
      enforceSSL: true,
      encryption: QueueEncryption.SQS_MANAGED,
      visibilityTimeout,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.maxReceiveCount ?? 5 },
    });
    this.oldestMessageAgeLimit = Duration.seconds(Math.max(300, 2 * visibilityTimeout.toSeconds()));
    props.consumer.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: props.batchSize ?? 10,
        reportBatchItemFailures: true,
        maxConcurrency: props.maxConcurrency,
        maxBatchingWindow: props.maxBatchingWindow,
      }),
    );
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'Serverless-SQSRedrivePolicy',
      reason: 'This is the dead-letter queue itself; its messages wait here for inspection and redrive, not for another queue.',
    });
    // SqsEventSource names its mapping after the queue; the mapping is the construct that lacks a destination.
    const mapping = props.consumer.node.findChild(`SqsEventSource:${Names.nodeUniqueId(this.queue.node)}`);
    Validations.of(mapping).acknowledge({
      id: 'Serverless-LambdaEventSourceMappingDestination',
      reason: 'SQS event source mappings take no on-failure destination; failed messages reach the dead-letter queue through the redrive policy.',
    });
    this.deadLetterAlarm = new Alarm(this, 'DeadLetterAlarm', {
      alarmDescription: 'A message exhausted its receives and waits in the dead-letter queue for redrive. docs/runbook.md#dead-letter-queue',
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.oldestMessageAlarm = new Alarm(this, 'OldestMessageAlarm', {
      alarmDescription: `A message has waited over ${this.oldestMessageAgeLimit.toSeconds()} s for its consumer for 3 minutes: the consumer fails, is throttled or is not polling. docs/runbook.md#oldest-message-age`,
      metric: this.queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(1), statistic: 'Maximum' }),
      threshold: this.oldestMessageAgeLimit.toSeconds(),
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }

  /** Lets `fn` send to the queue and tells it the queue URL in `envName`. */
  public grantSendTo(fn: LambdaFunction, envName: string): void {
    fn.addEnvironment(envName, this.queue.queueUrl);
    this.queue.grantSendMessages(fn);
  }
}
