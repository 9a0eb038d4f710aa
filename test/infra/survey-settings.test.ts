import { describe, expect, it } from 'vitest';
import { createPipelineApp } from '../../infra/pipeline-app.ts';
import { InvalidSurveyPolicyError, sesMaxSendRateFrom, surveyPolicyFrom } from '../../infra/survey-settings.ts';

describe('surveyPolicyFrom', () => {
  it('takes every default from an absent policy', () => {
    expect(surveyPolicyFrom(undefined, {})).toMatchObject({
      invitationDelayHours: 24,
      postResolutionThrottleDays: 30,
      relationshipThrottleDays: 90,
      linkExpiryDays: 14,
    });
  });

  it('lets the environment override cdk.json, for demos and tests', () => {
    const env = {
      SURVEY_INVITATION_DELAY_HOURS: '0',
      SURVEY_LINK_EXPIRY_DAYS: '1',
      SURVEY_REMINDER_AFTER_DAYS: '0.01',
      SURVEY_POST_RESOLUTION_THROTTLE_DAYS: '',
    };
    expect(surveyPolicyFrom({ invitationDelayHours: 12, postResolutionThrottleDays: 7 }, env)).toMatchObject({
      invitationDelayHours: 0,
      linkExpiryDays: 1,
      reminderAfterDays: 0.01,
      postResolutionThrottleDays: 7,
    });
  });

  it.each([
    ['a delay that is not a number', undefined, { SURVEY_INVITATION_DELAY_HOURS: 'soon' }, /SURVEY_INVITATION_DELAY_HOURS must be a number/],
    ['a negative throttle', { postResolutionThrottleDays: -1 }, {}, /postResolutionThrottleDays/],
    ['a misspelt field', { invitationDelay: 1 }, {}, /Invalid survey policy/],
    ['a policy that is not an object', 'daily', {}, /must be an object/],
    ['a reminder after expiry', undefined, { SURVEY_LINK_EXPIRY_DAYS: '2' }, /reminderAfterDays: The reminder must be due before the link expires/],
  ])('refuses %s, naming it', (_, context, env, message) => {
    expect(() => surveyPolicyFrom(context, env)).toThrow(InvalidSurveyPolicyError);
    expect(() => surveyPolicyFrom(context, env)).toThrow(message);
  });

  it('fails building the app (cdk synth) on a bad policy', () => {
    expect(() => createPipelineApp({ stack: { surveyPolicy: { linkExpiryDays: 0 } } })).toThrow(/Invalid survey policy: linkExpiryDays/);
  });
});

describe('sesMaxSendRateFrom', () => {
  it.each([
    [undefined, {}, undefined],
    [14, {}, 14],
    [14, { SES_MAX_SEND_RATE: '2' }, 2],
  ])('reads context %j with environment %j as %j', (context, env, rate) => {
    expect(sesMaxSendRateFrom(context, env)).toBe(rate);
  });

  it.each([0, 0.5, 'fast'])('refuses %j: SES never sends slower than one email a second', (rate) => {
    expect(() => sesMaxSendRateFrom(rate, {})).toThrow(/not a number of emails per second of at least 1/);
  });
});
