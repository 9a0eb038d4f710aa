import type { ReportedAs } from '../contracts/reported-as.ts';
import type { CaseResolved } from '../contracts/case-resolved.ts';
import type { SurveyPolicySettings } from '../contracts/survey-policy-settings.ts';
import { type CustomerSurveyHistory, retainUntilOf, type SurveyInvitation } from './customer-survey-history.ts';
import type { InvitationSkipReason, SurveyDecisionRecord } from '../contracts/survey-decision-record.ts';
import { DAY_MS, HOUR_MS, isoAfter } from './survey-durations.ts';
import { postResolutionInvitationId } from './survey-invitation-id.ts';

/** What to do about a resolved case: schedule its survey, or skip it and say why. */
export type InvitationDecision =
  | {
      readonly kind: 'scheduled';
      readonly invitationId: string;
      readonly scheduledFor: string;
      readonly expiresAt: string;
      /** The invitation to store (conditionally on its id). */
      readonly invitation: SurveyInvitation;
      readonly record: SurveyDecisionRecord;
    }
  | { readonly kind: 'skipped'; readonly reason: InvitationSkipReason; readonly record: SurveyDecisionRecord };

/**
 * Decides whether a resolved case gets a post-resolution survey, and when. In order:
 * 1. `case_excluded`: its channel or product is on the policy's exclusion lists;
 * 2. `opted_out`: the customer unsubscribed;
 * 3. `address_suppressed`: SES reported a bounce or complaint for the address;
 * 4. `case_already_invited`: the case has a live invitation (one per case; a reopen cancels it
 *    and the next resolution schedules afresh). The same resolution sent again is a retry and
 *    gets the same scheduled decision, with the same invitation id;
 * 5. `recently_surveyed`: another case's survey is within the throttle period of this one.
 *
 * The survey is sent `invitationDelayHours` after resolution (or now, if the support system
 * reported the resolution later than that) and its link expires `linkExpiryDays` after that.
 *
 * @example
 * ```ts
 * const decision = decideInvitation(caseResolved, history, surveyPolicySettingsSchema.parse({}), new Date());
 * if (decision.kind === 'scheduled') await store.putInvitation(decision.invitation);
 * await store.appendDecision(decision.record);
 * ```
 */
export const decideInvitation = (caseResolved: CaseResolved, history: CustomerSurveyHistory, settings: SurveyPolicySettings, now: Date): InvitationDecision => {
  const { caseId, customer } = caseResolved;
  const decidedAt = now.toISOString();
  const skip = (reason: InvitationSkipReason, detail?: string): InvitationDecision => ({
    kind: 'skipped',
    reason,
    record: {
      event: 'skipped',
      kind: 'post_resolution',
      customerId: customer.id,
      caseId,
      reason,
      detail,
      resolvedAt: resolutionInstant(caseResolved),
      decidedAt,
    },
  });

  if (caseResolved.channel !== undefined && settings.excludedChannels.includes(caseResolved.channel)) {
    return skip('case_excluded', `channel ${caseResolved.channel}`);
  }
  if (caseResolved.product !== undefined && settings.excludedProducts.includes(caseResolved.product)) {
    return skip('case_excluded', `product ${caseResolved.product}`);
  }
  if (history.optedOut) return skip('opted_out');
  if (history.suppression) return skip('address_suppressed', history.suppression);

  const resolvedAt = new Date(caseResolved.resolvedAt);
  // Own keys only: a case id such as "constructor" must not find Object.prototype's member.
  const existing = Object.hasOwn(history.invitationsByCaseId, caseId) ? history.invitationsByCaseId[caseId] : undefined;
  const replaced = existing?.state === 'cancelled' ? existing.invitationId : undefined;
  const invitationId = postResolutionInvitationId(caseId, resolvedAt, replaced);
  if (existing && existing.state !== 'cancelled') {
    if (existing.invitationId !== invitationId) return skip('case_already_invited', existing.invitationId);
    return scheduled(existing, decidedAt);
  }

  const sendAt = new Date(Math.max(resolvedAt.getTime() + settings.invitationDelayHours * HOUR_MS, now.getTime()));
  const throttleMs = settings.postResolutionThrottleDays * DAY_MS;
  const clash = surveyTimesOf(history, caseId).find((time) => Math.abs(sendAt.getTime() - time) < throttleMs);
  if (clash !== undefined) return skip('recently_surveyed', `surveyed ${new Date(clash).toISOString()}`);

  const expiresAt = isoAfter(sendAt, settings.linkExpiryDays * DAY_MS);
  return scheduled(
    {
      invitationId,
      kind: 'post_resolution',
      customerId: customer.id,
      caseId,
      state: 'scheduled',
      scheduledFor: sendAt.toISOString(),
      expiresAt,
      retainUntil: retainUntilOf(expiresAt, settings.retentionDays),
      reportedAs: reportedAsOf(caseResolved),
    },
    decidedAt,
  );
};

/**
 * The resolution a skip is about, as one UTC instant (the support system may send any offset), so
 * the same resolution sent again keys the very same decision line. A schedule needs none: its
 * transaction lands once per invitation.
 *
 * @example
 * ```ts
 * resolutionInstant({ resolvedAt: '2026-11-25T19:00:00+09:00', … }); // '2026-11-25T10:00:00.000Z'
 * ```
 */
export const resolutionInstant = (caseResolved: Pick<CaseResolved, 'resolvedAt'>): string => new Date(caseResolved.resolvedAt).toISOString();

/**
 * What a case's answer is reported under: its team, product and agent, and its customer's region,
 * tier and language (the locale's primary subtag, so `ja-JP` and `ja` count together).
 *
 * @example
 * ```ts
 * reportedAsOf({ team: 'japan-support', customer: { locale: 'ja-JP', tier: 'premium', … }, … });
 * // { team: 'japan-support', language: 'ja', tier: 'premium', … }
 * ```
 */
const reportedAsOf = (caseResolved: CaseResolved): ReportedAs => ({
  team: caseResolved.team,
  product: caseResolved.product,
  agent: caseResolved.agentId,
  region: caseResolved.customer.region,
  language: caseResolved.customer.locale?.split('-')[0]?.toLowerCase(),
  tier: caseResolved.customer.tier,
});

const scheduled = (invitation: SurveyInvitation, decidedAt: string): InvitationDecision => ({
  kind: 'scheduled',
  invitationId: invitation.invitationId,
  scheduledFor: invitation.scheduledFor,
  expiresAt: invitation.expiresAt,
  invitation,
  record: {
    event: 'scheduled',
    kind: 'post_resolution',
    customerId: invitation.customerId,
    caseId: invitation.caseId,
    invitationId: invitation.invitationId,
    decidedAt,
  },
});

// When the customer was, or will be, surveyed after another case: the last survey recorded, and
// every other case's live invitation (a pending one counts, or two cases resolved on the same day
// would both be surveyed).
const surveyTimesOf = (history: CustomerSurveyHistory, caseId: string): number[] => [
  ...(history.lastPostResolutionSurveyAt ? [Date.parse(history.lastPostResolutionSurveyAt)] : []),
  ...Object.values(history.invitationsByCaseId)
    .filter((invitation) => invitation.caseId !== caseId && invitation.state !== 'cancelled')
    .map((invitation) => Date.parse(invitation.sentAt ?? invitation.scheduledFor)),
];
