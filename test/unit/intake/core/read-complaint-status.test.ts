import { describe, expect, it } from 'vitest';
import { acceptComplaint } from '../../../../functions/intake/core/accept-complaint.ts';
import { complaintItem, complaintKey } from '../../../../functions/intake/core/complaint-record.ts';
import { StoredItemInvalidError } from '../../../../functions/intake/core/errors.ts';
import { readComplaintStatus } from '../../../../functions/intake/core/read-complaint-status.ts';
import { InMemoryRecordStore } from '../../../helpers/in-memory-record-store.ts';
import { validComplaint } from '../../../helpers/submissions.ts';

const { message } = acceptComplaint(validComplaint({ name: 'Ada' }), {
  now: new Date('2026-11-25T10:00:00Z'),
  signingKey: 's'.repeat(64),
  statusTokenTtlDays: 180,
  statusEndpoint: 'https://api.example.com/complaints/status',
});
const stored = complaintItem(message, { receivedAt: new Date('2026-11-25T10:00:01Z'), retentionDays: 730 });

describe('readComplaintStatus', () => {
  it('shows a complaint that is not stored yet as queued, with its reference', async () => {
    const store = new InMemoryRecordStore();
    expect(await readComplaintStatus(message.complaintId, store)).toEqual({ reference: message.reference, status: 'queued' });
  });

  it('shows a stored complaint as received, without personal data', async () => {
    const store = new InMemoryRecordStore();
    await store.putIfAbsent(stored);
    expect(await readComplaintStatus(message.complaintId, store)).toEqual({
      reference: message.reference,
      status: 'received',
      category: 'slow-response',
      acceptedAt: '2026-11-25T10:00:00.000Z',
      receivedAt: '2026-11-25T10:00:01.000Z',
    });
  });

  it.each([
    ['no category', { category: undefined }, 'category'],
    ['a number for a reference', { reference: 42 }, 'reference'],
    ['an unknown status', { status: 'deleted' }, 'status'],
    ['a receivedAt that is no timestamp', { receivedAt: 'yesterday' }, 'receivedAt'],
  ])('refuses to show a stored item with %s, naming the attribute', async (_name, change, path) => {
    const store = new InMemoryRecordStore();
    const item = Object.fromEntries(Object.entries({ ...stored, ...change }).filter(([, value]) => value !== undefined));
    await store.putIfAbsent({ ...item, ...complaintKey(message.complaintId) });
    await expect(readComplaintStatus(message.complaintId, store)).rejects.toThrow(
      expect.objectContaining({ name: StoredItemInvalidError.name, paths: [path] }),
    );
  });
});
