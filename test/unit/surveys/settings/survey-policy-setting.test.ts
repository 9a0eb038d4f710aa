import { describe, expect, it } from 'vitest';
import { readRuntimeConfig } from '../../../../functions/platform/settings/runtime-config.ts';
import { surveyPolicySetting } from '../../../../functions/surveys/settings/survey-policy-setting.ts';

const read = (value: string | undefined) => readRuntimeConfig({ SURVEY_POLICY: surveyPolicySetting }, { SURVEY_POLICY: value });

describe('the SURVEY_POLICY setting', () => {
  it('parses the policy the stack wrote, defaults filled in', () => {
    expect(read(JSON.stringify({ invitationDelayHours: 0 })).SURVEY_POLICY).toMatchObject({
      invitationDelayHours: 0,
      linkExpiryDays: 14,
      relationshipThrottleDays: 90,
    });
  });

  it.each([
    ['missing', undefined, /SURVEY_POLICY/],
    ['not JSON', '{invitationDelayHours', /not JSON/],
    ['a negative delay', '{"invitationDelayHours":-1}', /SURVEY_POLICY\.invitationDelayHours/],
    ['an unknown field', '{"delay":1}', /SURVEY_POLICY/],
    ['a reminder after expiry', '{"reminderAfterDays":20}', /reminder must be due before the link expires/],
  ])('fails the init loudly when it is %s', (_, value, message) => {
    expect(() => read(value)).toThrow(message);
  });
});
