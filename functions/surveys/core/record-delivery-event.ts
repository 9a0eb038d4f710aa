import type { SesDeliveryEvent } from '../contracts/survey-mail-messages.ts';
import { readDeliveryEvent } from './read-delivery-event.ts';
import type { DeliveryEventStore } from './survey-invitation-store.ts';

export type DeliveryEventOutcome =
  | { readonly kind: 'suppressed'; readonly addresses: number; readonly invitationId?: string | undefined; readonly knownInvitation: boolean }
  | { readonly kind: 'ignored'; readonly why: string };

/**
 * Applies an SES bounce or complaint event: suppresses each address it names and, when its
 * `invitationId` tag names one of ours, the customer's history (so the policy skips them) and a
 * `bounced` line in the case's decision log. Idempotent: every write is keyed and valued by the
 * event, so a redelivered event writes the same items.
 *
 * @example
 * ```ts
 * await recordDeliveryEvent(parseQueueMessage(record, sesDeliveryEventSchema), store);
 * ```
 */
export const recordDeliveryEvent = async (event: SesDeliveryEvent, store: DeliveryEventStore): Promise<DeliveryEventOutcome> => {
  const effect = readDeliveryEvent(event);
  if (effect.kind === 'ignore') return { kind: 'ignored', why: effect.why };
  const invitation = effect.invitationId === undefined ? undefined : await store.getInvitation(effect.invitationId);
  for (const [index, suppression] of effect.suppressions.entries()) {
    // One decision per event: the pipeline mails one recipient per message.
    const record =
      invitation && index === 0
        ? {
            event: 'bounced' as const,
            kind: invitation.kind,
            customerId: invitation.customerId,
            caseId: invitation.caseId,
            invitationId: invitation.invitationId,
            detail: effect.detail,
            decidedAt: effect.at,
          }
        : undefined;
    await store.recordSuppression(suppression, invitation, record);
  }
  return { kind: 'suppressed', addresses: effect.suppressions.length, invitationId: effect.invitationId, knownInvitation: invitation !== undefined };
};
