import type { SurveyPolicySettings } from '../contracts/survey-policy-settings.ts';
import type { SurveyInvitation } from './customer-survey-history.ts';
import { decideReminder } from './decide-reminder.ts';
import type { InvitationSkipReason, SurveyDecisionRecord } from '../contracts/survey-decision-record.ts';

/** Which email of an invitation a queued message asks for. */
export type MailPurpose = 'invitation' | 'reminder';

/** What the mailer knows when a message arrives, all read just before deciding. */
export interface MailingContext {
  readonly purpose: MailPurpose;
  /** Absent when the invitation item is gone (deleted by hand, or a message of another table). */
  readonly invitation?: SurveyInvitation | undefined;
  /** The customer's address on record; absent when the support system never sent one. */
  readonly hasAddress: boolean;
  readonly optedOut: boolean;
  /** A bounce or complaint recorded on the customer's history. */
  readonly customerSuppression?: 'bounced' | 'complained' | undefined;
  /** A bounce or complaint recorded on the address itself (another customer may share it). */
  readonly addressSuppression?: 'bounced' | 'complained' | undefined;
}

/** Why a message needs no email and no record: another run or delivery already dealt with it. */
export type MailingDropReason = 'unknown_invitation' | 'not_scheduled' | 'not_sent' | 'cancelled' | 'answered' | 'already_reminded' | 'not_yet_due';

export type MailingDecision =
  /** Send it; `record` is the `sent` or `reminded` line to append once SES accepted it. */
  | { readonly kind: 'send'; readonly purpose: MailPurpose; readonly invitation: SurveyInvitation; readonly record: SurveyDecisionRecord }
  /** Never send it: close the invitation (or its reminder) and append `record` (`skipped`, with the reason). */
  | { readonly kind: 'close'; readonly purpose: MailPurpose; readonly invitation: SurveyInvitation; readonly record: SurveyDecisionRecord }
  /** Nothing to do: the message is done. */
  | { readonly kind: 'drop'; readonly reason: MailingDropReason };

/**
 * Decides what the mailer does with one queued message, from the state read just now (the
 * dispatcher's view may be a minute old). An invitation goes out only while `scheduled`; a
 * reminder only as {@link decideReminder} allows (sent, unanswered, not yet reminded, link not
 * expired). Either is closed, with the reason recorded, when the customer opted out, the address
 * or customer is suppressed, there is no address, or the link expired before sending.
 *
 * @example
 * ```ts
 * const decision = decideMailing(context, settings, new Date());
 * if (decision.kind === 'send') await mailer.send(renderInvitationEmail({ invitation: decision.invitation, … }));
 * ```
 */
export const decideMailing = (context: MailingContext, settings: SurveyPolicySettings, now: Date): MailingDecision => {
  const { invitation, purpose } = context;
  if (invitation === undefined) return { kind: 'drop', reason: 'unknown_invitation' };
  const decidedAt = now.toISOString();
  const base = { kind: invitation.kind, customerId: invitation.customerId, caseId: invitation.caseId, invitationId: invitation.invitationId, decidedAt };
  const close = (reason: InvitationSkipReason, detail?: string): MailingDecision => ({
    kind: 'close',
    purpose,
    invitation,
    record: { ...base, event: 'skipped', reason, detail: purpose === 'reminder' ? ['reminder', detail].filter(Boolean).join(': ') : detail },
  });

  let record: SurveyDecisionRecord;
  if (purpose === 'invitation') {
    if (invitation.state !== 'scheduled') return { kind: 'drop', reason: invitation.state === 'sent' ? 'not_scheduled' : invitation.state };
    record = { ...base, event: 'sent' };
  } else {
    const reminder = decideReminder(invitation, now, settings);
    if (reminder.kind === 'held') {
      if (reminder.reason === 'expired') return close('link_expired');
      return { kind: 'drop', reason: reminder.reason };
    }
    record = reminder.record;
  }
  if (context.optedOut) return close('opted_out');
  const suppression = context.addressSuppression ?? context.customerSuppression;
  if (suppression !== undefined) return close('address_suppressed', suppression);
  if (!context.hasAddress) return close('no_contact');
  if (now.getTime() >= Date.parse(invitation.expiresAt)) return close('link_expired');
  return { kind: 'send', purpose, invitation, record };
};
