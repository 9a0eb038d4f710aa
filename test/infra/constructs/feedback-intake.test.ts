import { describe, expect, it } from 'vitest';
import { synthesizedPipeline } from '../helpers/synthesized-pipeline.ts';

const { functionByService, functionContract } = synthesizedPipeline();

describe('FeedbackIntake', () => {
  it.each([
    ['submit-feedback', 10, ['FEEDBACK_QUEUE_URL']],
    ['store-feedback', 30, ['TABLE_NAME', 'FEEDBACK_RETENTION_DAYS']],
  ])('configures %s with a %i s timeout and its environment contract', (name, timeout, variables) => {
    expect(functionContract(name)).toEqual({
      timeout,
      variables: ['NODE_OPTIONS', 'POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_METRICS_NAMESPACE', ...variables].sort(),
    });
  });

  it('keeps stored feedback 365 days by default', () => {
    expect(functionByService('store-feedback').Properties.Environment.Variables.FEEDBACK_RETENTION_DAYS).toBe('365');
  });
});
