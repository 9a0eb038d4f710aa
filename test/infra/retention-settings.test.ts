import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { cdkJsonContext } from '../../infra/cdk-json-context.ts';
import { FeedbackPipelineStack } from '../../infra/feedback-pipeline-stack.ts';
import { addPipelineStage } from '../../infra/pipeline-app.ts';
import { InvalidRetentionSettingError, parseRetention } from '../../infra/retention-settings.ts';
import { synthesizedPipeline } from './helpers/synthesized-pipeline.ts';

const { functionByService } = synthesizedPipeline();
const variablesOf = (name: string): Record<string, string> => functionByService(name).Properties.Environment.Variables;

// Bundling every function would only slow this down: the environment is what is compared.
const appWithoutBundling = (context: Record<string, unknown> = {}) => new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], ...context } });
const stackWith = (retention: unknown) => new FeedbackPipelineStack(appWithoutBundling(), 'Retention', { retention: retention as never });

describe('parseRetention', () => {
  it('fills every default: feedback 365 days, complaints 1095 after resolution, survey items the survey policy’s', () => {
    expect(parseRetention(undefined, 730)).toEqual({ feedbackDays: 365, complaintDaysAfterResolution: 1095, surveyDaysAfterLinkExpiry: 730 });
  });

  it('takes the survey items’ retention over the survey policy’s when both are set', () => {
    expect(parseRetention({ surveyDaysAfterLinkExpiry: 400 }, 730)).toMatchObject({ surveyDaysAfterLinkExpiry: 400 });
  });

  it.each([
    ['half a day', { feedbackDays: 0.5 }, /the setting retention\.feedbackDays is days help-site feedback is kept after it is accepted: whole days/],
    [
      'no days at all',
      { complaintDaysAfterResolution: 0 },
      /the setting retention\.complaintDaysAfterResolution is days a complaint is kept .*: at least 1 day/,
    ],
    ['text', { surveyDaysAfterLinkExpiry: '730' }, /the setting retention\.surveyDaysAfterLinkExpiry is days a survey invitation.*: whole days/],
    ['more than ten years', { feedbackDays: 4000 }, /retention\.feedbackDays .*at most 3650 days/],
    [
      'a misspelt kind',
      { complaintDays: 30 },
      /unknown setting retention\.complaintDays \(known: feedbackDays, complaintDaysAfterResolution, surveyDaysAfterLinkExpiry\)/,
    ],
    ['a number instead of an object', 30, /the setting retention must be an object/],
  ])('refuses %s, naming the setting', (_name, input, message) => {
    expect(() => parseRetention(input, 730)).toThrow(InvalidRetentionSettingError);
    expect(() => parseRetention(input, 730)).toThrow(message);
  });
});

describe('retention in the template', () => {
  it('hands each writer its own retention by default', () => {
    expect(variablesOf('store-feedback')).toMatchObject({ FEEDBACK_RETENTION_DAYS: '365' });
    expect(variablesOf('store-complaint')).toMatchObject({ COMPLAINT_RETENTION_DAYS: '1095' });
    // The resolve starts a complaint's retention.
    expect(variablesOf('supervisor-api')).toMatchObject({ COMPLAINT_RETENTION_DAYS: '1095' });
    expect(JSON.parse(String(variablesOf('record-case-resolution')['SURVEY_POLICY']))).toMatchObject({ retentionDays: 730 });
  });

  it('passes a stage’s retention settings to the functions that write each item kind', () => {
    const stack = addPipelineStage(
      appWithoutBundling({ retention: { feedbackDays: 90, complaintDaysAfterResolution: 1825, surveyDaysAfterLinkExpiry: 400 } }),
      'retained',
    );
    expect(stack.retention).toEqual({ feedbackDays: 90, complaintDaysAfterResolution: 1825, surveyDaysAfterLinkExpiry: 400 });
    const environmentOf = (fn: { node: { defaultChild?: unknown } }) =>
      (stack.resolve((fn.node.defaultChild as { environment: unknown }).environment) as { variables: Record<string, string> }).variables;
    expect(environmentOf(stack.feedback.store.fn)).toMatchObject({ FEEDBACK_RETENTION_DAYS: '90' });
    expect(environmentOf(stack.complaints.store.fn)).toMatchObject({ COMPLAINT_RETENTION_DAYS: '1825' });
    expect(environmentOf(stack.supervisorApi.function.fn)).toMatchObject({ COMPLAINT_RETENTION_DAYS: '1825' });
    expect(stack.surveyPolicy.retentionDays).toBe(400);
    expect(JSON.parse(stack.surveyPolicyEnvironment['SURVEY_POLICY']!)).toMatchObject({ retentionDays: 400 });
  });

  it('fails the synthesis on a bad retention, naming the setting', () => {
    expect(() => stackWith({ complaintDaysAfterResolution: -1 })).toThrow(/Invalid retention: the setting retention\.complaintDaysAfterResolution/);
  });
});
