import type { SesDeliveryEvent } from '../contracts/survey-mail-messages.ts';
import { addressKey } from './address-key.ts';
import type { AddressSuppression } from './survey-invitation-store.ts';

/** What a delivery event means for the pipeline: addresses to suppress and the invitation it names. */
export type DeliveryEventEffect =
  | {
      readonly kind: 'suppress';
      readonly suppressions: readonly AddressSuppression[];
      /** From the email's `invitationId` tag; absent for mail the pipeline did not tag. */
      readonly invitationId?: string | undefined;
      /** For the decision log: bounce type and subtype, or the complaint's feedback type. */
      readonly detail: string;
      readonly at: string;
    }
  /** A transient or undetermined bounce (SES retried and may yet deliver), or another event type. */
  | { readonly kind: 'ignore'; readonly why: string };

/**
 * Reads an SES bounce or complaint event (EventBridge detail-types `Email Bounced` and
 * `Email Complaint Received`). A permanent bounce suppresses each bounced recipient as
 * `bounced`; a complaint each complaining recipient as `complained`; a transient or undetermined
 * bounce changes nothing. Addresses become {@link addressKey} hashes here and go no further.
 *
 * @example
 * ```ts
 * const effect = readDeliveryEvent(parseQueueMessage(record, sesDeliveryEventSchema));
 * if (effect.kind === 'suppress') for (const suppression of effect.suppressions) await store.recordSuppression(suppression);
 * ```
 */
export const readDeliveryEvent = (event: SesDeliveryEvent): DeliveryEventEffect => {
  const { detail } = event;
  const invitationId = detail.mail.tags?.invitationId?.[0];
  // Every recipient SES names is suppressed, with the event's reason, time and kind.
  const suppress = (
    reason: 'bounced' | 'complained',
    what: string,
    at: string,
    recipients: readonly { readonly emailAddress: string }[],
  ): DeliveryEventEffect => ({
    kind: 'suppress',
    invitationId,
    detail: what,
    at,
    suppressions: recipients.map((recipient) => ({ addressKey: addressKey(recipient.emailAddress), reason, at, detail: what })),
  });
  if (detail.eventType === 'Bounce' && detail.bounce) {
    const { bounce } = detail;
    if (bounce.bounceType !== 'Permanent') return { kind: 'ignore', why: `${bounce.bounceType} bounce` };
    return suppress('bounced', ['Permanent', bounce.bounceSubType].filter(Boolean).join('/'), bounce.timestamp, bounce.bouncedRecipients);
  }
  if (detail.eventType === 'Complaint' && detail.complaint) {
    const { complaint } = detail;
    return suppress(
      'complained',
      ['complaint', complaint.complaintFeedbackType].filter(Boolean).join('/'),
      complaint.timestamp,
      complaint.complainedRecipients,
    );
  }
  return { kind: 'ignore', why: `${detail.eventType} event` };
};
