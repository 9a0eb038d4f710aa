import type { ComplaintAcceptedMessage } from '../contracts/complaint-accepted-message.ts';
import type { StoredItem } from './record-store.ts';
import { expiresAtEpochSeconds, monthOf } from '../../platform/single-table/retention.ts';

export const complaintKey = (complaintId: string) => ({ pk: `COMPLAINT#${complaintId}`, sk: 'COMPLAINT' }) as const;

/**
 * The table item for an accepted complaint: keyed by id, listed by month in `gsi1`, deleted by
 * TTL `retentionDays` after it is settled. One no escalation takes up is settled on receipt, so its
 * clock starts at acceptance; `storedComplaintOf` leaves the TTL off an escalated one, which gets it
 * when resolved (`complaintResolutionWrites`). Everything derives from the message, so a
 * redelivery builds the same item.
 */
export const complaintItem = (message: ComplaintAcceptedMessage, options: { receivedAt: Date; retentionDays: number }): StoredItem => ({
  ...complaintKey(message.complaintId),
  gsi1pk: `COMPLAINTS#${monthOf(message.acceptedAt)}`,
  gsi1sk: `${message.acceptedAt}#${message.complaintId}`,
  type: 'complaint',
  status: 'received',
  complaintId: message.complaintId,
  reference: message.reference,
  acceptedAt: message.acceptedAt,
  receivedAt: options.receivedAt.toISOString(),
  expiresAt: expiresAtEpochSeconds(message.acceptedAt, options.retentionDays),
  ...message.submission,
});
