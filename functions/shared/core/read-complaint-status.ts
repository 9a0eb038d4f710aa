import type { ComplaintStatusView } from '../contracts/api-responses.ts';
import { storedComplaintStatusSchema } from '../contracts/stored-complaint.ts';
import { complaintKey } from './complaint-record.ts';
import { complaintReference } from './complaint-reference.ts';
import { StoredItemInvalidError } from './errors.ts';
import type { RecordStore } from './ports.ts';

/**
 * What the holder of a status link may see. A complaint not yet in the table is `queued`: its
 * link was signed at intake, so it was accepted and is waiting on the queue. A stored item is
 * read back through its schema; one of another shape throws {@link StoredItemInvalidError}.
 *
 * @example
 * ```ts
 * const view = await readComplaintStatus(complaintId, store); // { reference: 'CMP-…', status: 'queued' }
 * ```
 */
export const readComplaintStatus = async (complaintId: string, store: Pick<RecordStore, 'get'>): Promise<ComplaintStatusView> => {
  const { pk, sk } = complaintKey(complaintId);
  const item = await store.get(pk, sk);
  if (item === undefined) return { reference: complaintReference(complaintId), status: 'queued' };
  const stored = storedComplaintStatusSchema.safeParse(item);
  if (!stored.success)
    throw new StoredItemInvalidError(
      'complaint',
      stored.error.issues.map((issue) => issue.path.join('.')),
    );
  const { reference, status, category, acceptedAt, receivedAt, resolution, resolvedAt } = stored.data;
  return {
    reference,
    status,
    category,
    acceptedAt,
    receivedAt,
    ...(resolution === undefined ? {} : { resolution }),
    ...(resolvedAt === undefined ? {} : { resolvedAt }),
  };
};
