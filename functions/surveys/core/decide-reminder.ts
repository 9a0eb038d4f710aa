import type { SurveyPolicySettings } from '../contracts/survey-policy-settings.ts';
import type { SurveyInvitation } from './customer-survey-history.ts';
import type { SurveyDecisionRecord } from '../contracts/survey-decision-record.ts';
import { DAY_MS } from './survey-durations.ts';

/** Why no reminder goes out now. */
type ReminderHoldReason = 'not_sent' | 'cancelled' | 'answered' | 'already_reminded' | 'expired' | 'not_yet_due';

export type ReminderDecision =
  | { readonly kind: 'due'; readonly invitation: SurveyInvitation; readonly record: SurveyDecisionRecord }
  | { readonly kind: 'held'; readonly reason: ReminderHoldReason; readonly dueAt?: string | undefined };

/**
 * Whether to remind the customer of an invitation now. A reminder is due once, `reminderAfterDays`
 * after the invitation was sent, only while it is unanswered (a provisional one-click score does
 * not count: it may be a mail scanner's) and never once the link has expired. It is the same
 * survey, so the throttles do not apply.
 *
 * @example
 * ```ts
 * const decision = decideReminder(invitation, new Date(), settings);
 * if (decision.kind === 'due') await queue.send({ invitationId: invitation.invitationId, reminder: true });
 * ```
 */
export const decideReminder = (invitation: SurveyInvitation, now: Date, settings: SurveyPolicySettings): ReminderDecision => {
  if (invitation.state === 'scheduled') return { kind: 'held', reason: 'not_sent' };
  if (invitation.state === 'cancelled') return { kind: 'held', reason: 'cancelled' };
  if (invitation.state === 'answered') return { kind: 'held', reason: 'answered' };
  if (invitation.remindedAt !== undefined) return { kind: 'held', reason: 'already_reminded' };
  if (now.getTime() >= Date.parse(invitation.expiresAt)) return { kind: 'held', reason: 'expired' };
  // A sent invitation without a send time is a bug upstream; the scheduled time is the closest truth.
  const sentAt = Date.parse(invitation.sentAt ?? invitation.scheduledFor);
  const dueAt = sentAt + settings.reminderAfterDays * DAY_MS;
  if (now.getTime() < dueAt) return { kind: 'held', reason: 'not_yet_due', dueAt: new Date(dueAt).toISOString() };
  const remindedAt = now.toISOString();
  return {
    kind: 'due',
    invitation: { ...invitation, remindedAt },
    record: {
      event: 'reminded',
      kind: invitation.kind,
      customerId: invitation.customerId,
      caseId: invitation.caseId,
      invitationId: invitation.invitationId,
      decidedAt: remindedAt,
    },
  };
};
