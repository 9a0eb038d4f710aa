import { describe, expect, it } from 'vitest';
import { synthesizedPipeline } from '../helpers/synthesized-pipeline.ts';

const { template, resources, resourcesOfType } = synthesizedPipeline();
// Queues that hold only failures of an invoke rather than a queue: the campaign starter's failed
// starts, each scheduled function's failed runs (both of Scheduler and of async Lambda) and the
// report stream's failed batches.
const isInvokeFailureQueue = (id: string) =>
  id.startsWith('SurveyCampaignsFailedStarts') || id.startsWith('ReportsFailedBatches') || /Schedule(FailedRuns)[0-9A-F]{8}$/.test(id);
const invokeFailureQueues = () => resourcesOfType('AWS::SQS::Queue').filter(([id]) => isInvokeFailureQueue(id));
// The queue consumers' mappings (the report counters' stream mapping is tested with its construct).
const queueMappings = () =>
  resourcesOfType('AWS::Lambda::EventSourceMapping').filter(
    ([, mapping]) => resources[mapping.Properties.EventSourceArn['Fn::GetAtt'][0]]?.Type === 'AWS::SQS::Queue',
  );

describe('IntakeQueue', () => {
  it('gives every queue a dead-letter queue with maxReceiveCount 5', () => {
    const queues = resourcesOfType('AWS::SQS::Queue');
    const sources = queues.filter(([, q]) => q.Properties.RedrivePolicy !== undefined);
    const deadLetterIds = new Set(sources.map(([, q]) => q.Properties.RedrivePolicy.deadLetterTargetArn['Fn::GetAtt'][0]));

    // Every queue but the invoke-failure queues is a source with a dead-letter queue, or the dead-letter queue of one.
    expect(invokeFailureQueues()).toHaveLength(5);
    expect(sources).toHaveLength((queues.length - 5) / 2);
    for (const [, queue] of sources) expect(queue.Properties.RedrivePolicy.maxReceiveCount).toBe(5);
    // The invoke-failure queues are dead letters too: of Scheduler and async Lambda failures.
    const isDeadLetter = (id: string) => deadLetterIds.has(id) || isInvokeFailureQueue(id);
    expect(queues.filter(([id, q]) => q.Properties.RedrivePolicy === undefined && !isDeadLetter(id))).toEqual([]);
  });

  it('keeps dead-lettered messages for 14 days', () => {
    // every dead-letter queue and every invoke-failure queue
    const queues = resourcesOfType('AWS::SQS::Queue').length;
    template.resourcePropertiesCountIs('AWS::SQS::Queue', { MessageRetentionPeriod: 14 * 24 * 3600 }, (queues - 5) / 2 + 5);
  });

  it('sets each visibility timeout to at least six times its consumer timeout plus its batching window', () => {
    const mappings = queueMappings();
    expect(mappings).toHaveLength((resourcesOfType('AWS::SQS::Queue').length - invokeFailureQueues().length) / 2);
    for (const [, mapping] of mappings) {
      const queue = resources[mapping.Properties.EventSourceArn['Fn::GetAtt'][0]];
      const consumer = resources[mapping.Properties.FunctionName.Ref];
      expect(queue?.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(
        6 * consumer?.Properties.Timeout + (mapping.Properties.MaximumBatchingWindowInSeconds ?? 0),
      );
    }
  });

  it('encrypts every queue with SQS-managed keys', () => {
    for (const [, queue] of resourcesOfType('AWS::SQS::Queue')) expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
  });

  it('denies non-TLS access on every queue', () => {
    const policies = resourcesOfType('AWS::SQS::QueuePolicy');
    expect(policies).toHaveLength(resourcesOfType('AWS::SQS::Queue').length);
    for (const [, policy] of policies) {
      expect(policy.Properties.PolicyDocument.Statement).toEqual(
        expect.arrayContaining([expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      );
    }
  });

  it('makes every event source mapping report batch item failures, ten messages a batch (one campaign chunk a batch)', () => {
    for (const [, mapping] of queueMappings()) {
      expect(mapping.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
      const consumer = resources[mapping.Properties.FunctionName.Ref];
      const isChunkConsumer = consumer?.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME === 'invite-campaign-chunk';
      expect(mapping.Properties.BatchSize).toBe(isChunkConsumer ? 1 : 10);
    }
  });

  it('batches the survey answers for up to 5 s, and invokes every other consumer at once', () => {
    const windows = queueMappings().map(([, mapping]) => [
      resources[mapping.Properties.FunctionName.Ref]?.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME,
      mapping.Properties.MaximumBatchingWindowInSeconds,
    ]);
    expect(windows.filter(([, window]) => window !== undefined)).toEqual([['store-survey-answer', 5]]);
  });

  it('alarms when a dead-letter queue, the campaign starts’ FailedStarts or a schedule’s failed runs holds any message', () => {
    // Six queues with a dead-letter queue each, and five queues that are their own dead letter.
    template.resourcePropertiesCountIs(
      'AWS::CloudWatch::Alarm',
      { MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' },
      (resourcesOfType('AWS::SQS::Queue').length - 5) / 2 + 5,
    );
  });
});
