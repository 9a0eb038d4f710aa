import { CfnOutput, Duration, RemovalPolicy, Size, Stack, Validations } from 'aws-cdk-lib';
import { CfnNamedQuery, CfnWorkGroup } from 'aws-cdk-lib/aws-athena';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { CfnDatabase, CfnTable } from 'aws-cdk-lib/aws-glue';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Compression, DeliveryStream, LambdaFunctionProcessor, S3Bucket, StreamEncryption } from 'aws-cdk-lib/aws-kinesisfirehose';
import { CfnPipe } from 'aws-cdk-lib/aws-pipes';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ANALYTICS_COLUMNS } from '../../functions/reports/core/analytics-record.ts';
import type { FeedbackTable } from './feedback-table.ts';
import { PipelineFunction } from './pipeline-function.ts';

export interface AnalyticsExportProps {
  /** The table whose stream (new and old images) the copy follows. */
  readonly table: FeedbackTable;
  /** Prefixes the Glue database and Athena work group, unique per stage. */
  readonly stage: string;
  /** Days a day's changes are kept in S3. @default 1825 (five years: the copy holds no personal data) */
  readonly retentionDays?: number;
}

/** The sample query the work group holds: CSAT by team and month, each response's latest state. */
const SAMPLE_QUERY = (database: string) => `-- CSAT by team and month, every confirmed answer once (its latest change).
WITH latest AS (
  SELECT *, row_number() OVER (PARTITION BY item_id ORDER BY changed_at DESC) AS rank
  FROM "${database}"."changes"
  WHERE item_type = 'survey_response' AND dt >= '2026-01-01'
)
SELECT team, substr(first_answered_at, 1, 7) AS month,
       count(*) AS answers,
       round(100.0 * count_if(csat >= 4) / count(*), 1) AS satisfied_percent
FROM latest
WHERE rank = 1 AND change <> 'REMOVE' AND status = 'confirmed' AND csat IS NOT NULL
GROUP BY 1, 2
ORDER BY 2, 1;`;

/**
 * The scale path of the reports (stage setting `analyticsExport`): every change to a counted item,
 * without personal data, kept in S3 for years and queried with Athena. The feedback table's stream
 * feeds an EventBridge Pipe (no cost at rest), which puts each record to Firehose; Firehose's
 * transformation (functions/reports/prepare-analytics-records) keeps the non-personal fields as a
 * JSON line, and delivers gzipped files by day (`changes/dt=<yyyy-mm-dd>/`). A Glue table over them
 * (partition projection: no crawler, no partitions to add) and an Athena work group with a sample
 * query answer what the counters cannot: any question, over any span.
 */
export class AnalyticsExport extends Construct {
  public readonly bucket: Bucket;
  public readonly deliveryStream: DeliveryStream;
  public readonly transform: PipelineFunction;
  public readonly database: string;
  public readonly workGroup: CfnWorkGroup;
  /** Stream records the pipe gave up on (its batch described, not its records). */
  public readonly failedRecords: Queue;
  public readonly failedRecordsAlarm: Alarm;

  constructor(scope: Construct, id: string, props: AnalyticsExportProps) {
    super(scope, id);
    const accessLogs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'The bucket of the analytics bucket’s access logs: logging its own access would log into itself.',
    });
    this.bucket = new Bucket(this, 'Changes', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'changes/',
      lifecycleRules: [
        { prefix: 'changes/', expiration: Duration.days(props.retentionDays ?? 1825) },
        { prefix: 'athena-results/', expiration: Duration.days(30) },
        { prefix: 'errors/', expiration: Duration.days(30) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.transform = new PipelineFunction(this, 'Transform', { name: 'prepare-analytics-records', timeout: Duration.minutes(1) });
    this.deliveryStream = new DeliveryStream(this, 'Delivery', {
      encryption: StreamEncryption.awsOwnedKey(),
      destination: new S3Bucket(this.bucket, {
        // By the day Firehose received the change: Athena prunes to the days a query names.
        dataOutputPrefix: 'changes/dt=!{timestamp:yyyy-MM-dd}/',
        errorOutputPrefix: 'errors/!{firehose:error-output-type}/dt=!{timestamp:yyyy-MM-dd}/',
        compression: Compression.GZIP,
        bufferingInterval: Duration.minutes(5),
        bufferingSize: Size.mebibytes(64),
        processors: [new LambdaFunctionProcessor(this.transform.fn, { bufferInterval: Duration.minutes(1), bufferSize: Size.mebibytes(1), retries: 3 })],
      }),
    });

    const destinationRole = this.deliveryStream.node.findChild('S3 Destination Role');
    Validations.of(destinationRole).acknowledge(
      ...['Action::s3:Abort*', 'Action::s3:DeleteObject*', 'Action::s3:GetBucket*', 'Action::s3:GetObject*', 'Action::s3:List*'].map((wildcard) => ({
        id: `AwsSolutions-IAM5[${wildcard}]`,
        reason: 'Firehose’s S3 destination role as CDK grants it, on the analytics bucket alone: the writes, multipart uploads and listing a delivery makes.',
      })),
      {
        id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnBucket)}.Arn>/*]`,
        reason: 'Firehose writes a new object per delivery, under keys it names: the bucket’s objects, no other bucket.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.transform.fn.node.defaultChild as CfnFunction)}.Arn>:*]`,
        reason: 'Firehose invokes the transformation function by any of its versions; the function is this one.',
      },
    );
    // The mapping of Firehose's CIDR blocks the L2 construct adds for Redshift and Splunk destinations, unused by an S3 one.
    Validations.of(Stack.of(this)).acknowledge({
      id: 'CloudFormation-Validate::W7001',
      reason: 'The Firehose construct’s CIDR mapping serves destinations this stack has not.',
    });

    // The pipe: the table's stream to Firehose, in order per shard, batches of up to 100 within a minute.
    this.failedRecords = new Queue(this, 'FailedRecords', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
    for (const id of ['AwsSolutions-SQS3', 'Serverless-SQSRedrivePolicy'])
      Validations.of(this.failedRecords).acknowledge({
        id,
        reason:
          'It is the dead-letter queue of the analytics pipe: the stream records it describes are read back from the stream by hand (docs/runbook.md#analytics-behind).',
      });
    const pipeRole = new Role(this, 'PipeRole', { assumedBy: new ServicePrincipal('pipes.amazonaws.com') });
    Validations.of(pipeRole).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'dynamodb:ListStreams, which grantStreamRead adds, takes no resource; the stream reads are on the table’s stream alone.',
    });
    props.table.table.grantStreamRead(pipeRole);
    this.deliveryStream.grantPutRecords(pipeRole);
    this.failedRecords.grantSendMessages(pipeRole);
    new CfnPipe(this, 'Pipe', {
      roleArn: pipeRole.roleArn,
      source: props.table.table.tableStreamArn!,
      sourceParameters: {
        dynamoDbStreamParameters: {
          startingPosition: 'LATEST',
          batchSize: 100,
          maximumBatchingWindowInSeconds: 60,
          maximumRetryAttempts: 10,
          deadLetterConfig: { arn: this.failedRecords.queueArn },
        },
      },
      target: this.deliveryStream.deliveryStreamArn,
    });
    this.failedRecordsAlarm = new Alarm(this, 'FailedRecordsAlarm', {
      alarmDescription: 'The analytics copy missed stream records (docs/runbook.md#analytics-behind).',
      metric: this.failedRecords.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    // Glue and Athena names: lower case and underscores.
    this.database = `feedback_analytics_${props.stage.replace(/-/g, '_')}`;
    const database = new CfnDatabase(this, 'Database', {
      catalogId: Stack.of(this).account,
      databaseInput: { name: this.database, description: 'Changes to the feedback pipeline’s counted items, without personal data' },
    });
    const table = new CfnTable(this, 'ChangesTable', {
      catalogId: Stack.of(this).account,
      databaseName: this.database,
      tableInput: {
        name: 'changes',
        tableType: 'EXTERNAL_TABLE',
        partitionKeys: [{ name: 'dt', type: 'string' }],
        parameters: {
          classification: 'json',
          'projection.enabled': 'true',
          'projection.dt.type': 'date',
          'projection.dt.format': 'yyyy-MM-dd',
          'projection.dt.range': '2026-01-01,NOW',
          'projection.dt.interval': '1',
          'projection.dt.interval.unit': 'DAYS',
          'storage.location.template': `s3://${this.bucket.bucketName}/changes/dt=\${dt}/`,
        },
        storageDescriptor: {
          location: `s3://${this.bucket.bucketName}/changes/`,
          inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
          outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
          serdeInfo: { serializationLibrary: 'org.openx.data.jsonserde.JsonSerDe' },
          columns: ANALYTICS_COLUMNS.map(([name, type]) => ({ name, type })),
        },
      },
    });
    table.addDependency(database);

    this.workGroup = new CfnWorkGroup(this, 'WorkGroup', {
      name: `feedback-analytics-${props.stage}`,
      recursiveDeleteOption: true,
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        // A cost guard: a query scanning more than 10 GB (about USD 0.05) is cancelled.
        bytesScannedCutoffPerQuery: 10 * 1024 ** 3,
        resultConfiguration: {
          outputLocation: `s3://${this.bucket.bucketName}/athena-results/`,
          encryptionConfiguration: { encryptionOption: 'SSE_S3' },
        },
      },
    });
    const sample = new CfnNamedQuery(this, 'SampleQuery', {
      name: 'CSAT by team and month',
      database: this.database,
      workGroup: this.workGroup.name,
      queryString: SAMPLE_QUERY(this.database),
    });
    sample.addDependency(this.workGroup);

    new CfnOutput(this, 'AnalyticsBucketName', { key: 'AnalyticsBucketName', value: this.bucket.bucketName });
    new CfnOutput(this, 'AnalyticsWorkGroup', { key: 'AnalyticsWorkGroup', value: this.workGroup.name });
    new CfnOutput(this, 'AnalyticsDatabase', { key: 'AnalyticsDatabase', value: this.database });
  }
}
