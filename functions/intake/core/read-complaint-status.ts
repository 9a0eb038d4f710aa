import type * as z from 'zod/mini';
import type { ComplaintStatusView } from '../contracts/api-responses.ts';
import { storedComplaintStatusSchema } from '../contracts/stored-complaint.ts';
import { complaintKey } from './complaint-record.ts';
import { complaintReference } from './complaint-reference.ts';
import { StoredItemInvalidError } from './errors.ts';
import type { RecordStore } from './record-store.ts';

type StoredComplaintStatus = z.infer<typeof storedComplaintStatusSchema>;

/** One step of a complaint the complainant may see: which status, since when. Never who, never a note. */
interface ComplaintProgressStep {
  readonly status: 'received' | 'under_review' | 'resolved';
  readonly at: string;
}

/** What the status page shows: the JSON view plus the complainant-visible history, promise and resolution. */
export interface ComplaintProgress {
  readonly view: ComplaintStatusView;
  readonly locale?: string;
  readonly steps: readonly ComplaintProgressStep[];
  readonly promise?: { readonly guaranteed: boolean; readonly respondBy: string };
  readonly resolution?: string;
}

const loadStored = async (complaintId: string, store: Pick<RecordStore, 'get'>): Promise<StoredComplaintStatus | undefined> => {
  const { pk, sk } = complaintKey(complaintId);
  const item = await store.get(pk, sk);
  if (item === undefined) return undefined;
  const stored = storedComplaintStatusSchema.safeParse(item);
  if (!stored.success)
    throw new StoredItemInvalidError(
      'complaint',
      stored.error.issues.map((issue) => issue.path.join('.')),
    );
  return stored.data;
};

const viewOf = (complaintId: string, stored: StoredComplaintStatus | undefined): ComplaintStatusView => {
  if (stored === undefined) return { reference: complaintReference(complaintId), status: 'queued' };
  const { reference, status, category, acceptedAt, receivedAt, resolution, resolvedAt } = stored;
  return {
    reference,
    status,
    category,
    acceptedAt,
    receivedAt,
    ...(status === 'resolved' && resolution !== undefined ? { resolution } : {}),
    ...(status === 'resolved' && resolvedAt !== undefined ? { resolvedAt } : {}),
  };
};

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
export const readComplaintStatus = async (complaintId: string, store: Pick<RecordStore, 'get'>): Promise<ComplaintStatusView> =>
  viewOf(complaintId, await loadStored(complaintId, store));

/**
 * The status page's view of a complaint: {@link readComplaintStatus}'s view, the steps the
 * complainant may see (received, under review, resolved, each with its time), the response time
 * that applies and the resolution text. Supervisor names and notes are not in the complaint item
 * at all, so they cannot leak here.
 *
 * @example
 * ```ts
 * const progress = await readComplaintProgress(complaintId, store); // { view, steps: [{ status: 'received', at }] }
 * ```
 */
export const readComplaintProgress = async (complaintId: string, store: Pick<RecordStore, 'get'>): Promise<ComplaintProgress> => {
  const stored = await loadStored(complaintId, store);
  const view = viewOf(complaintId, stored);
  if (stored === undefined) return { view, steps: [] };
  const steps: ComplaintProgressStep[] = [{ status: 'received', at: stored.receivedAt }];
  if (stored.underReviewAt !== undefined) steps.push({ status: 'under_review', at: stored.underReviewAt });
  if (stored.status === 'resolved') steps.push({ status: 'resolved', at: stored.resolvedAt ?? stored.underReviewAt ?? stored.receivedAt });
  return {
    view,
    ...((stored.language ?? stored.locale) === undefined ? {} : { locale: stored.language ?? stored.locale }),
    steps,
    ...(stored.respondBy === undefined ? {} : { promise: { guaranteed: stored.responseGuaranteed === true, respondBy: stored.respondBy } }),
    ...(stored.status === 'resolved' && stored.resolution !== undefined ? { resolution: stored.resolution } : {}),
  };
};
