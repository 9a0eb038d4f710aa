import type { SurveyPolicySettings } from '../contracts/survey-policy-settings.ts';
import { decideMailing, type MailingDropReason, type MailPurpose } from './decide-mailing.ts';
import { leaseUntil, reminderDueAt, SENDING_CLAIM_MS } from './plan-dispatch-run.ts';
import { renderInvitationEmail } from './render-invitation-email.ts';
import type { InvitationSkipReason } from '../contracts/survey-decision-record.ts';
import type { SurveyMailer } from './survey-mailer.ts';
import { SurveyEmailRefusedError } from './errors.ts';
import type { SurveyMailStore } from './survey-invitation-store.ts';

export interface MailerDependencies {
  readonly store: SurveyMailStore;
  readonly mailer: SurveyMailer;
  readonly settings: SurveyPolicySettings;
  readonly baseUrl: URL;
  /** The current key of the link-signing ring. */
  readonly signingKey: string;
  /** A fresh id for each sending claim (`randomUUID`). */
  readonly newClaimId: () => string;
}

export type MailOutcome =
  | { readonly kind: 'sent'; readonly purpose: MailPurpose; readonly messageId: string }
  | { readonly kind: 'closed'; readonly purpose: MailPurpose; readonly reason: InvitationSkipReason }
  | { readonly kind: 'dropped'; readonly reason: MailingDropReason | 'claimed_elsewhere' };

/**
 * Mails one due invitation or reminder, at most once in effect: reads the invitation, contact,
 * history and address suppression; closes it with the reason recorded when it must not go out
 * ({@link decideMailing}); otherwise claims it for this attempt, sends the localized email and
 * records `sent` (putting the reminder on its index) or `reminded`. A second delivery of the same
 * message finds the claim or the new state and drops. A transient SES failure releases the claim
 * and throws, so SQS redelivers; a refusal of the message itself is recorded as `send_failed`.
 * The one window left: a crash between SES accepting and the record, after which the claim lapses
 * and the redelivered message sends again (SES takes no idempotency key).
 *
 * @example
 * ```ts
 * const outcome = await mailSurveyEmail(parseQueueMessage(record, surveyMailDueMessage), deps, new Date());
 * ```
 */
export const mailSurveyEmail = async (
  message: { readonly invitationId: string; readonly customerId: string; readonly purpose: MailPurpose },
  deps: MailerDependencies,
  now: Date,
): Promise<MailOutcome> => {
  const { purpose } = message;
  const context = await deps.store.loadMailingContext(message.invitationId, message.customerId);
  const decision = decideMailing({ ...context, purpose, hasAddress: context.contact !== undefined }, deps.settings, now);
  if (decision.kind === 'drop') return { kind: 'dropped', reason: decision.reason };
  if (decision.kind === 'close') {
    await deps.store.closeUnsent(decision.invitation, purpose, decision.record);
    return { kind: 'closed', purpose, reason: decision.record.reason! };
  }
  const { invitation, record } = decision;
  const contact = context.contact!;
  const claimId = deps.newClaimId();
  if (!(await deps.store.claimForSending(invitation, purpose, claimId, now, leaseUntil(now, SENDING_CLAIM_MS)))) {
    return { kind: 'dropped', reason: 'claimed_elsewhere' };
  }
  const email = renderInvitationEmail({
    invitation,
    recipient: { name: contact.name, locale: contact.locale },
    reminder: purpose === 'reminder',
    baseUrl: deps.baseUrl,
    signingKey: deps.signingKey,
  });
  let messageId: string;
  try {
    ({ messageId } = await deps.mailer.send({
      to: contact.email,
      ...email,
      tags: { invitationId: invitation.invitationId, purpose },
    }));
  } catch (error) {
    if (error instanceof SurveyEmailRefusedError) {
      await deps.store.closeUnsent(invitation, purpose, { ...record, event: 'skipped', reason: 'send_failed', detail: error.code });
      return { kind: 'closed', purpose, reason: 'send_failed' };
    }
    await deps.store.releaseSendingClaim(invitation.invitationId, claimId);
    throw error;
  }
  const remindAt = purpose === 'invitation' ? reminderDueAt(record.decidedAt, deps.settings.reminderAfterDays) : undefined;
  // A reminder that would fall on or after the link's expiry could never be sent: none is indexed.
  await deps.store.recordMailed(invitation, purpose, record, remindAt !== undefined && remindAt < invitation.expiresAt ? remindAt : undefined);
  return { kind: 'sent', purpose, messageId };
};
