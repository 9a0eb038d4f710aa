import type { SurveyInvitation } from './customer-survey-history.ts';
import type { SurveyDecisionRecord } from '../contracts/survey-decision-record.ts';

/**
 * The decision-log line of an unsubscribe from an invitation's link. It takes effect for the
 * customer, not the invitation: every later invitation is skipped as `opted_out`.
 *
 * @example
 * ```ts
 * await store.optOut(unsubscribeRecord(invitation, 'page', new Date()));
 * ```
 */
export const unsubscribeRecord = (invitation: SurveyInvitation, via: 'page' | 'one_click_post', now: Date): SurveyDecisionRecord => ({
  event: 'unsubscribed',
  kind: invitation.kind,
  customerId: invitation.customerId,
  caseId: invitation.caseId,
  invitationId: invitation.invitationId,
  detail: via,
  decidedAt: now.toISOString(),
});
