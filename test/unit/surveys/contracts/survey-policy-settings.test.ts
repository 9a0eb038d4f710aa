import { describe, expect, it } from 'vitest';
import { surveyPolicySettingsSchema } from '../../../../functions/surveys/contracts/survey-policy-settings.ts';

describe('survey policy settings', () => {
  it('defaults to a 24 h delay, 30 and 90 day throttles, a reminder after 3 days, links valid 14 days and kept two years after', () => {
    expect(surveyPolicySettingsSchema.parse({})).toEqual({
      invitationDelayHours: 24,
      postResolutionThrottleDays: 30,
      relationshipThrottleDays: 90,
      reminderAfterDays: 3,
      linkExpiryDays: 14,
      excludedChannels: [],
      excludedProducts: [],
      escalatingCsatAtOrBelow: 1,
      reasons: ['speed', 'knowledge', 'courtesy', 'resolution', 'communication', 'other'],
      retentionDays: 730,
    });
  });

  it('keeps what is configured and defaults the rest', () => {
    const parsed = surveyPolicySettingsSchema.parse({ invitationDelayHours: 0, linkExpiryDays: 0.01, reminderAfterDays: 0.005, excludedChannels: ['chat'] });
    expect(parsed).toMatchObject({
      invitationDelayHours: 0,
      linkExpiryDays: 0.01,
      reminderAfterDays: 0.005,
      excludedChannels: ['chat'],
      relationshipThrottleDays: 90,
    });
  });

  it.each([
    ['a negative delay', { invitationDelayHours: -1 }, 'invitationDelayHours'],
    ['a delay of more than 30 days', { invitationDelayHours: 24 * 30 + 1 }, 'invitationDelayHours'],
    ['a throttle given as text', { postResolutionThrottleDays: '30' }, 'postResolutionThrottleDays'],
    ['an infinite throttle', { relationshipThrottleDays: Number.POSITIVE_INFINITY }, 'relationshipThrottleDays'],
    ['links that expire at once', { linkExpiryDays: 0 }, 'linkExpiryDays'],
    ['a reminder due after the link expired', { reminderAfterDays: 14 }, 'reminderAfterDays'],
    ['an escalation threshold of 0', { escalatingCsatAtOrBelow: 0 }, 'escalatingCsatAtOrBelow'],
    ['a fractional escalation threshold', { escalatingCsatAtOrBelow: 1.5 }, 'escalatingCsatAtOrBelow'],
    ['no reasons', { reasons: [] }, 'reasons'],
    ['a reason listed twice', { reasons: ['speed', 'speed'] }, 'reasons'],
    ['a malformed reason', { reasons: ['Speed!'] }, 'reasons.0'],
    ['a blank channel exclusion', { excludedChannels: [' '] }, 'excludedChannels.0'],
    ['an unknown setting', { delayHours: 1 }, 'delayHours'],
  ])('refuses %s', (_name, settings, path) => {
    const result = surveyPolicySettingsSchema.safeParse(settings);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => [...issue.path, ...('keys' in issue ? issue.keys : [])].join('.'))).toContain(path);
  });
});
