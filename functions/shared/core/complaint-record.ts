import type { ComplaintStatusView } from '../contracts/api-responses.ts';
import type { ComplaintAcceptedMessage } from '../contracts/queue-messages.ts';
import { complaintReference } from './complaint-reference.ts';
import type { StoredItem } from './ports.ts';
import { expiresAtEpochSeconds, monthOf } from './retention.ts';

export const complaintKey = (complaintId: string) => ({ pk: `COMPLAINT#${complaintId}`, sk: 'COMPLAINT' }) as const;

/**
 * The table item for an accepted complaint: keyed by id, listed by month in `gsi1`, deleted by
 * TTL after `retentionDays`. Everything derives from the message, so a redelivery builds the
 * same item.
 */
export const complaintItem = (
  message: ComplaintAcceptedMessage,
  options: { receivedAt: Date; retentionDays: number },
): StoredItem => ({
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

/**
 * What the holder of a status link may see. A complaint not yet in the table is `queued`: its
 * link was signed at intake, so it was accepted and is waiting on the queue.
 */
export const complaintStatusView = (complaintId: string, item: Record<string, unknown> | undefined): ComplaintStatusView =>
  item === undefined
    ? { reference: complaintReference(complaintId), status: 'queued' }
    : {
        reference: String(item.reference),
        status: 'received',
        category: String(item.category),
        acceptedAt: String(item.acceptedAt),
        receivedAt: String(item.receivedAt),
      };
