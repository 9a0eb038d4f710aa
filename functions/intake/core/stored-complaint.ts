import type { ComplaintAcceptedMessage } from '../contracts/complaint-accepted-message.ts';
import type { ComplaintEscalationPlan } from '../../escalation/core/plan-complaint-escalation.ts';
import { complaintItem } from './complaint-record.ts';
import type { StoredItem } from './record-store.ts';

/**
 * The complaint item the consumer writes: the accepted complaint (`received`), or, when the rules
 * opened an escalation, `under_review` with what its status page shows (since when, the response
 * time that applies) and the customer it is about; with the language the complainant is written to.
 * Pure: `receivedAt` is the consumer's now.
 *
 * @example
 * ```ts
 * storedComplaintOf(message, plan, { receivedAt: now, retentionDays: 730 }).status; // 'under_review'
 * ```
 */
export const storedComplaintOf = (
  message: ComplaintAcceptedMessage,
  { customer, escalation, acknowledgementWithheld }: Pick<ComplaintEscalationPlan, 'customer' | 'escalation' | 'acknowledgementWithheld'>,
  received: { receivedAt: Date; retentionDays: number },
): StoredItem => ({
  ...complaintItem(message, received),
  ...(escalation
    ? {
        status: 'under_review',
        // Kept until resolved: its retention runs from the resolution (complaintResolutionWrites).
        expiresAt: undefined,
        escalationId: escalation.id,
        customerId: customer.id,
        tier: customer.tier,
        underReviewAt: escalation.createdAt,
        responseGuaranteed: escalation.guaranteed,
        respondBy: escalation.ackDueAt,
        // Shown to the supervisor: the complainant was not mailed, this being one complaint too many in a day.
        ...(acknowledgementWithheld ? { acknowledgement: 'withheld' } : {}),
      }
    : {}),
  // The language the complainant is written to in: theirs, or their case's.
  ...(customer.language === undefined ? {} : { language: customer.language }),
});

/**
 * When the complainant's log (`COMPLAINANT#…`) expires, in epoch seconds: it only needs to keep
 * a time as long as the longest repeat-complaint window of the rules.
 *
 * @example
 * ```ts
 * complainantLogExpiresAt(new Date('2026-01-01T00:00:00Z'), 30); // 1769904000
 * ```
 */
export const complainantLogExpiresAt = (now: Date, repeatWindowDays: number): number => Math.floor(now.getTime() / 1000) + repeatWindowDays * 86_400;
