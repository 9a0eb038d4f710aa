import type { SurveyInvitation } from './customer-survey-history.ts';
import type { SurveyDecisionRecord } from '../contracts/survey-decision-record.ts';

/** A reopen cancels an invitation not yet sent; anything further along stays as it is. */
export type ReopenDecision =
  | { readonly kind: 'cancelled'; readonly invitation: SurveyInvitation; readonly record: SurveyDecisionRecord }
  | { readonly kind: 'kept'; readonly reason: 'already_sent' | 'already_answered' | 'already_cancelled' };

/**
 * What `POST /cases/reopened` does to the case's invitation. One not yet sent is cancelled, so the
 * next resolution schedules a fresh one; one already sent stays (the customer has the email and
 * may answer it about the work done so far).
 *
 * @example
 * ```ts
 * const decision = cancelOnReopen(invitation, new Date());
 * if (decision.kind === 'cancelled') await store.cancelIfScheduled(decision.invitation, decision.record);
 * ```
 */
export const cancelOnReopen = (invitation: SurveyInvitation, now: Date): ReopenDecision => {
  switch (invitation.state) {
    case 'sent':
      return { kind: 'kept', reason: 'already_sent' };
    case 'answered':
      return { kind: 'kept', reason: 'already_answered' };
    case 'cancelled':
      return { kind: 'kept', reason: 'already_cancelled' };
    case 'scheduled': {
      const cancelledAt = now.toISOString();
      return {
        kind: 'cancelled',
        invitation: { ...invitation, state: 'cancelled', cancelledAt },
        record: {
          event: 'cancelled',
          kind: invitation.kind,
          customerId: invitation.customerId,
          caseId: invitation.caseId,
          invitationId: invitation.invitationId,
          detail: 'case reopened',
          decidedAt: cancelledAt,
        },
      };
    }
  }
};
