import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { FeedbackPipelineStack } from '../../../infra/feedback-pipeline-stack.ts';
import { synthesizedPipeline } from '../helpers/synthesized-pipeline.ts';
import { temporaryOutdir } from '../helpers/temporary-outdir.ts';

const { functionByService, functionContract } = synthesizedPipeline();

describe('ComplaintIntake', () => {
  it.each([
    ['submit-complaint', 10, ['COMPLAINT_QUEUE_URL', 'SIGNING_KEY_SECRET_ARN', 'COMPLAINT_CATEGORIES', 'STATUS_TOKEN_TTL_DAYS', 'PUBLIC_BASE_URL']],
    ['complaint-status', 10, ['TABLE_NAME', 'SIGNING_KEY_SECRET_ARN']],
    [
      'store-complaint',
      30,
      [
        'TABLE_NAME',
        'COMPLAINT_RETENTION_DAYS',
        // Its fast path sends the escalation emails (EscalationNotifications.grantNotifyingTo).
        'ESCALATION_RULES',
        'PUBLIC_BASE_URL',
        'NOTIFICATION_SENDER_ADDRESS',
        'STATUS_TOKEN_TTL_DAYS',
        'SIGNING_KEY_SECRET_ARN',
      ],
    ],
  ])('configures %s with a %i s timeout and its environment contract', (name, timeout, variables) => {
    expect(functionContract(name)).toEqual({
      timeout,
      variables: ['NODE_OPTIONS', 'POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_METRICS_NAMESPACE', ...variables].sort(),
    });
  });

  it('passes the default complaint categories, status link lifetime and retention', () => {
    expect(functionByService('submit-complaint').Properties.Environment.Variables).toMatchObject({
      COMPLAINT_CATEGORIES: 'slow-response,unresolved,attitude,wrong-advice,billing,other',
      STATUS_TOKEN_TTL_DAYS: '180',
    });
    expect(functionByService('store-complaint').Properties.Environment.Variables.COMPLAINT_RETENTION_DAYS).toBe('1095');
  });

  it('refuses at synth a complaint category the consumer could not store', () => {
    expect(() => new FeedbackPipelineStack(new App({ outdir: temporaryOutdir() }), 'Bad', { complaintCategories: ['Billing Issues'] })).toThrow(
      /kebab-case.*Billing Issues/,
    );
  });
});
