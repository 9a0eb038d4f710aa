import { CfnOutput, Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { type FeedbackTable, pipelineTableProps } from './feedback-table.ts';
import { PipelineFunction } from './pipeline-function.ts';

export interface FeedbackReportsProps {
  /** The table whose stream (new and old images) the counters follow. */
  readonly table: FeedbackTable;
  /** @default RemovalPolicy.RETAIN: the statistics outlive the items they counted, and the stack. */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The report counters: their table, and the function that keeps them from the feedback table's
 * stream (functions/reports/aggregate-feedback). Records are taken in order per shard, 100 at a
 * time within a second; a failing batch is halved and retried, and after
 * {@link FeedbackReports.RETRY_ATTEMPTS} retries described to the failed-batches queue.
 */
export class FeedbackReports extends Construct {
  /** Retries of a failing batch: enough to ride out throttling, well inside the stream's 24 hours. */
  static readonly RETRY_ATTEMPTS = 10;
  /** The stream's oldest record not yet counted is this old (docs/runbook.md#counters-behind). */
  static readonly ITERATOR_AGE_LIMIT = Duration.minutes(5);

  public readonly countersTable: Table;
  public readonly aggregator: PipelineFunction;
  /** Where a batch given up is described (its shard and sequence numbers, not its records). */
  public readonly failedBatches: Queue;
  public readonly failedBatchesAlarm: Alarm;
  public readonly iteratorAgeAlarm: Alarm;

  constructor(scope: Construct, id: string, props: FeedbackReportsProps) {
    super(scope, id);
    this.countersTable = new Table(this, 'Counters', pipelineTableProps(props.removalPolicy));
    new CfnOutput(this, 'CountersTableName', { key: 'CountersTableName', value: this.countersTable.tableName });

    this.aggregator = new PipelineFunction(this, 'Aggregator', { name: 'aggregate-feedback', timeout: Duration.seconds(30) });
    this.grantTo(this.aggregator.fn, ['dynamodb:PutItem', 'dynamodb:UpdateItem']);
    // An escalation's audit entries are kept as long as it is: when TTL deletes it, they go too.
    props.table.grantAuditTrailExpiryTo(this.aggregator.fn);

    this.failedBatches = new Queue(this, 'FailedBatches', {
      enforceSSL: true,
      encryption: QueueEncryption.SQS_MANAGED,
      retentionPeriod: Duration.days(14),
    });
    for (const id of ['Serverless-SQSRedrivePolicy', 'AwsSolutions-SQS3']) {
      Validations.of(this.failedBatches).acknowledge({
        id,
        reason: 'This queue is itself the on-failure destination of the stream mapping; what it describes is replayed from the stream, not from another queue.',
      });
    }
    this.aggregator.fn.addEventSource(
      new DynamoEventSource(props.table.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        maxBatchingWindow: Duration.seconds(1),
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        retryAttempts: FeedbackReports.RETRY_ATTEMPTS,
        onFailure: new SqsDlq(this.failedBatches),
        // One batch at a time per shard keeps each item's changes in order.
        parallelizationFactor: 1,
      }),
    );
    this.failedBatchesAlarm = new Alarm(this, 'FailedBatchesAlarm', {
      alarmDescription: 'Stream records were given up after every retry: the counters miss them until replayed. docs/runbook.md#counters-behind',
      metric: this.failedBatches.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.iteratorAgeAlarm = new Alarm(this, 'IteratorAgeAlarm', {
      alarmDescription: `The counters are over ${FeedbackReports.ITERATOR_AGE_LIMIT.toMinutes()} minutes behind the table for 3 minutes: reports miss recent answers. docs/runbook.md#counters-behind`,
      metric: this.aggregator.fn.metric('IteratorAge', { period: Duration.minutes(1), statistic: 'Maximum' }),
      threshold: FeedbackReports.ITERATOR_AGE_LIMIT.toMilliseconds(),
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }

  /** Lets `fn` read the counters (Query) and tells it the table in `REPORTS_TABLE_NAME`. */
  public grantReadTo(fn: LambdaFunction): void {
    this.grantTo(fn, ['dynamodb:Query']);
  }

  private grantTo(fn: LambdaFunction, actions: string[]): void {
    fn.addEnvironment('REPORTS_TABLE_NAME', this.countersTable.tableName);
    fn.addToRolePolicy(new PolicyStatement({ actions, resources: [this.countersTable.tableArn] }));
  }
}
