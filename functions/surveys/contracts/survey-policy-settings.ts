import * as z from 'zod/mini';
import { DEFAULT_SURVEY_REASONS, surveyReasonList } from './survey-answer.ts';
import { singleLineText } from '../../platform/text/text-fields.ts';

const days = (fallback: number, max: number) => z._default(z.number().check(z.gte(0), z.lte(max)), fallback);

/**
 * The survey policy of a deployment. Every field has the default the product promises, so `{}`
 * is a complete policy; durations are plain numbers so demos and tests can shorten them (0.01
 * days is under 15 minutes).
 *
 * - `invitationDelayHours` (24): how long after a case is resolved its survey is sent, so the
 *   customer has seen the fix work before being asked.
 * - `postResolutionThrottleDays` (30): at most one post-resolution survey per customer per period.
 * - `relationshipThrottleDays` (90): at most one relationship (NPS) survey per customer per period.
 * - `reminderAfterDays` (3): one reminder this long after sending if unanswered; never two, never
 *   after the link expired, and exempt from the throttles (it is the same survey).
 * - `linkExpiryDays` (14): how long a survey link can be answered, counted from its scheduled send.
 * - `excludedChannels`, `excludedProducts` ([]): cases from these are never surveyed (exact,
 *   case-sensitive match with the case's `channel` and `product`).
 * - `escalatingCsatAtOrBelow` (1): a confirmed CSAT at or below this raises an escalation.
 * - `reasons` (speed, knowledge, courtesy, resolution, communication, other): the reason codes offered.
 * - `retentionDays` (730): how long an invitation, its case pointer and its response are kept after
 *   the link expired; DynamoDB's TTL then deletes them.
 *
 * A reminder due after the link expired could never be sent, so such a policy is refused.
 *
 * @example
 * ```ts
 * surveyPolicySettingsSchema.parse({}); // every default
 * surveyPolicySettingsSchema.parse({ invitationDelayHours: 0, linkExpiryDays: 1, reminderAfterDays: 0.5 }); // a demo
 * ```
 */
export const surveyPolicySettingsSchema = z
  .strictObject({
    invitationDelayHours: days(24, 24 * 30),
    postResolutionThrottleDays: days(30, 366),
    relationshipThrottleDays: days(90, 366),
    reminderAfterDays: days(3, 90),
    linkExpiryDays: z._default(z.number().check(z.gt(0), z.lte(90)), 14),
    excludedChannels: z._default(z.array(singleLineText(64)), []),
    excludedProducts: z._default(z.array(singleLineText(100)), []),
    escalatingCsatAtOrBelow: z._default(z.int().check(z.gte(1), z.lte(5)), 1),
    reasons: z._default(surveyReasonList, [...DEFAULT_SURVEY_REASONS]),
    retentionDays: z._default(z.int().check(z.gte(1), z.lte(3650)), 730),
  })
  .check(
    z.refine((policy) => policy.reminderAfterDays < policy.linkExpiryDays, {
      message: 'The reminder must be due before the link expires.',
      path: ['reminderAfterDays'],
    }),
  );

/** A validated policy, every field present. */
export type SurveyPolicySettings = z.output<typeof surveyPolicySettingsSchema>;

/** A policy as configured: any field may be left out for its default. */
export type SurveyPolicySettingsInput = z.input<typeof surveyPolicySettingsSchema>;
