import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cdkJsonContext } from '../../infra/cdk-json-context.ts';
import { addPipelineStage } from '../../infra/pipeline-app.ts';
import { readStageSettings } from '../../infra/stage-settings.ts';
import { ANALYTICS_COLUMNS } from '../../functions/reports/core/analytics-record.ts';
import { synthesizedPipeline } from './helpers/synthesized-pipeline.ts';

type Resource = { Type: string; Properties: Record<string, any>; DependsOn?: string[] };
type Template = { Resources: Record<string, Resource>; Outputs: Record<string, { Value: unknown }> };

// One stage with the analytics copy on, synthesized with the cdk-nag packs but without bundling.
const outdir = mkdtempSync(join(tmpdir(), 'analytics-export-'));
let template: Template;
let synthError: unknown;
beforeAll(() => {
  const app = new App({ outdir, context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], analyticsExport: { retentionDays: 400 } } });
  addPipelineStage(app, 'insights');
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  try {
    app.synth();
  } catch (error) {
    synthError = error;
  }
  template = JSON.parse(readFileSync(join(outdir, 'insights-SupportFeedbackPipeline.template.json'), 'utf8'));
});
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const ofType = (type: string) => Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
const only = (type: string) => {
  const found = ofType(type);
  expect(found, type).toHaveLength(1);
  return found[0]!;
};

describe('the analyticsExport setting', () => {
  it('synthesizes with cdk-nag quiet', () => {
    expect(synthError).toBeUndefined();
  });

  it('pipes the feedback table’s stream to Firehose, which keeps each change through the transform function as gzipped JSON lines by day', () => {
    const [, pipe] = only('AWS::Pipes::Pipe');
    const [tableId] = ofType('AWS::DynamoDB::Table').find(([id]) => id.startsWith('Store'))!;
    expect(pipe.Properties['Source']).toEqual({ 'Fn::GetAtt': [tableId, 'StreamArn'] });
    const [streamId, stream] = only('AWS::KinesisFirehose::DeliveryStream');
    expect(pipe.Properties['Target']).toEqual({ 'Fn::GetAtt': [streamId, 'Arn'] });
    expect(pipe.Properties['SourceParameters'].DynamoDBStreamParameters).toMatchObject({
      StartingPosition: 'LATEST',
      BatchSize: 100,
      MaximumRetryAttempts: 10,
    });
    const s3 = stream.Properties['ExtendedS3DestinationConfiguration'];
    expect(s3).toMatchObject({ Prefix: 'changes/dt=!{timestamp:yyyy-MM-dd}/', CompressionFormat: 'GZIP' });
    expect(stream.Properties['DeliveryStreamEncryptionConfigurationInput']).toEqual({ KeyType: 'AWS_OWNED_CMK' });
    const lambda = JSON.stringify(s3.ProcessingConfiguration);
    const [transformId] = ofType('AWS::Lambda::Function').find(
      ([, fn]) => fn.Properties['Environment']?.Variables?.POWERTOOLS_SERVICE_NAME === 'prepare-analytics-records',
    )!;
    expect(lambda).toContain(transformId);
  });

  it('keeps the copy private and encrypted, its access logged, each day’s changes for the retention set', () => {
    const buckets = ofType('AWS::S3::Bucket');
    expect(buckets).toHaveLength(2);
    for (const [, bucket] of buckets) {
      expect(bucket.Properties['PublicAccessBlockConfiguration']).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties['BucketEncryption'].ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    }
    const [, changes] = buckets.find(([, bucket]) => bucket.Properties['LoggingConfiguration'] !== undefined)!;
    expect(changes.Properties['LifecycleConfiguration'].Rules).toContainEqual(
      expect.objectContaining({ Prefix: 'changes/', ExpirationInDays: 400, Status: 'Enabled' }),
    );
  });

  it('defines the Athena table over the copy with every column the transform writes, partitions projected by day, and a work group with a cost guard and the sample query', () => {
    const [, table] = only('AWS::Glue::Table');
    const input = table.Properties['TableInput'];
    expect(input.StorageDescriptor.Columns).toEqual(ANALYTICS_COLUMNS.map(([Name, Type]) => ({ Name, Type })));
    expect(input.PartitionKeys).toEqual([{ Name: 'dt', Type: 'string' }]);
    expect(input.Parameters).toMatchObject({ 'projection.enabled': 'true', 'projection.dt.type': 'date', 'projection.dt.format': 'yyyy-MM-dd' });
    // Athena's own placeholder, not a template string's: the day each partition projects.
    expect(JSON.stringify(input.Parameters['storage.location.template'])).toContain(['/changes/dt=$', '{dt}/'].join(''));
    expect(only('AWS::Glue::Database')[1].Properties['DatabaseInput'].Name).toBe('feedback_analytics_insights');
    const [, workGroup] = only('AWS::Athena::WorkGroup');
    expect(workGroup.Properties).toMatchObject({
      Name: 'feedback-analytics-insights',
      WorkGroupConfiguration: { EnforceWorkGroupConfiguration: true, BytesScannedCutoffPerQuery: 10 * 1024 ** 3 },
    });
    const [, query] = only('AWS::Athena::NamedQuery');
    expect(query.Properties['QueryString']).toContain('FROM "feedback_analytics_insights"."changes"');
    expect(Object.keys(template.Outputs)).toEqual(expect.arrayContaining(['AnalyticsBucketName', 'AnalyticsWorkGroup', 'AnalyticsDatabase']));
  });

  it('alarms on stream records the pipe gave up, to the alarm topic', () => {
    const [queueId] = ofType('AWS::SQS::Queue').find(([id]) => id.startsWith('AnalyticsFailedRecords'))!;
    const [, pipe] = only('AWS::Pipes::Pipe');
    expect(pipe.Properties['SourceParameters'].DynamoDBStreamParameters.DeadLetterConfig.Arn).toEqual({ 'Fn::GetAtt': [queueId, 'Arn'] });
    const alarm = ofType('AWS::CloudWatch::Alarm').find(([, a]) => JSON.stringify(a.Properties['Dimensions'] ?? []).includes(queueId));
    expect(alarm?.[1].Properties).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
    expect(alarm?.[1].Properties['AlarmActions']).toHaveLength(1);
  });

  it('is off by default: the default stage has no bucket, pipe or Athena work group', () => {
    const { resourcesOfType } = synthesizedPipeline();
    for (const type of ['AWS::S3::Bucket', 'AWS::Pipes::Pipe', 'AWS::KinesisFirehose::DeliveryStream', 'AWS::Athena::WorkGroup', 'AWS::Glue::Table'])
      expect(resourcesOfType(type), type).toEqual([]);
  });

  it('refuses a retention that is no number of days, naming the setting', () => {
    expect(() => readStageSettings('insights', (name) => (name === 'analyticsExport' ? { retentionDays: 0 } : undefined))).toThrow(
      /the setting analyticsExport\.retentionDays/,
    );
    expect(() => readStageSettings('insights', (name) => (name === 'analyticsExport' ? { keepForever: true } : undefined))).toThrow(/analyticsExport/);
  });
});
