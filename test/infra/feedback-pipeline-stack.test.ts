import { describe, expect, it } from 'vitest';
import { synthesizedPipeline } from './helpers/synthesized-pipeline.ts';

const { functionByService, functionContract, resourcesOfType } = synthesizedPipeline();

describe('FeedbackPipelineStack', () => {
  it('composes twenty-six functions, six queues with their dead-letter queues, a failed-start queue, three failed-run queues, a failed-batch queue and two tables', () => {
    expect(resourcesOfType('AWS::Lambda::Function')).toHaveLength(26);
    expect(resourcesOfType('AWS::SQS::Queue')).toHaveLength(17);
    expect(resourcesOfType('AWS::DynamoDB::Table')).toHaveLength(2);
  });

  it('gives route-not-found a 10 s timeout and no configuration', () => {
    expect(functionContract('route-not-found')).toEqual({
      timeout: 10,
      variables: ['NODE_OPTIONS', 'POWERTOOLS_METRICS_NAMESPACE', 'POWERTOOLS_SERVICE_NAME'],
    });
  });

  it.each(['route-not-found', 'submit-complaint', 'complaint-status', 'store-complaint', 'submit-feedback', 'store-feedback'])(
    'puts the metrics of %s in the SupportFeedbackPipeline namespace',
    (name) => {
      expect(functionByService(name).Properties.Environment.Variables.POWERTOOLS_METRICS_NAMESPACE).toBe('SupportFeedbackPipeline');
    },
  );
});
