import { describe, expect, it } from 'vitest';
import { synthesizedPipeline } from '../helpers/synthesized-pipeline.ts';

const { template, resources, resourcesOfType } = synthesizedPipeline();

describe('IntakeQueue', () => {
  it('gives every queue a dead-letter queue with maxReceiveCount 5', () => {
    const queues = resourcesOfType('AWS::SQS::Queue');
    const sources = queues.filter(([, q]) => q.Properties.RedrivePolicy !== undefined);
    const deadLetterIds = new Set(sources.map(([, q]) => q.Properties.RedrivePolicy.deadLetterTargetArn['Fn::GetAtt'][0]));

    expect(sources).toHaveLength(4);
    for (const [, queue] of sources) expect(queue.Properties.RedrivePolicy.maxReceiveCount).toBe(5);
    expect(queues.every(([id, q]) => q.Properties.RedrivePolicy !== undefined || deadLetterIds.has(id))).toBe(true);
  });

  it('keeps dead-lettered messages for 14 days', () => {
    template.resourcePropertiesCountIs('AWS::SQS::Queue', { MessageRetentionPeriod: 14 * 24 * 3600 }, 4);
  });

  it('sets each visibility timeout to at least six times its consumer timeout', () => {
    const mappings = resourcesOfType('AWS::Lambda::EventSourceMapping');
    expect(mappings).toHaveLength(4);
    for (const [, mapping] of mappings) {
      const queue = resources[mapping.Properties.EventSourceArn['Fn::GetAtt'][0]];
      const consumer = resources[mapping.Properties.FunctionName.Ref];
      expect(queue?.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * consumer?.Properties.Timeout);
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

  it('makes every event source mapping report batch item failures, ten messages a batch', () => {
    for (const [, mapping] of resourcesOfType('AWS::Lambda::EventSourceMapping')) {
      expect(mapping.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
      expect(mapping.Properties.BatchSize).toBe(10);
    }
  });

  it('alarms when a dead-letter queue holds any message', () => {
    template.resourcePropertiesCountIs(
      'AWS::CloudWatch::Alarm',
      { MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' },
      4,
    );
  });
});
