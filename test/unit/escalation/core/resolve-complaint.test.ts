import { describe, expect, it } from 'vitest';
import { complaintResolutionWrites, complaintResolvedNotification } from '../../../../functions/escalation/core/resolve-complaint.ts';
import type { StoredNotification } from '../../../../functions/escalation/contracts/stored-notification-items.ts';
import { anEscalation } from '../../../helpers/escalation-fixtures.ts';

const now = new Date('2026-11-25T10:00:00Z');
const { audit: _audit, ...escalation } = { ...anEscalation({ id: 'cmp-1', level: 2, status: 'resolved' }), version: 3, reference: 'CMP-ABCD1234' };

// A subject store that knows the stored complaints and records what it was asked to write.
const subjectStore = (storedComplaints: readonly string[]) => {
  const asked: StoredNotification[] = [];
  const expiries: number[] = [];
  return {
    asked,
    expiries,
    hasComplaint: async (complaintId: string) => storedComplaints.includes(complaintId),
    resolutionWrites: (_escalation: unknown, notification: StoredNotification, expiresAt: number) => {
      asked.push(notification);
      expiries.push(expiresAt);
      return ['outbox put', 'complaint update'];
    },
  };
};

describe('complaintResolvedNotification', () => {
  it('tells the complainant of the escalation’s complaint, one email per escalation and level', () => {
    expect(complaintResolvedNotification(escalation, now)).toEqual({
      notificationId: 'cmp-1#complaint_resolved#2',
      kind: 'complaint_resolved',
      escalationId: 'cmp-1',
      complaintId: 'cmp-1',
      level: 2,
      createdAt: now.toISOString(),
    });
  });
});

describe('complaintResolutionWrites', () => {
  it('writes the complainant’s email and the complaint’s resolved status when the complaint is stored', async () => {
    const store = subjectStore(['cmp-1']);
    await expect(complaintResolutionWrites(store, escalation, now, 1095)).resolves.toEqual(['outbox put', 'complaint update']);
    expect(store.asked).toEqual([complaintResolvedNotification(escalation, now)]);
  });

  it('starts the complaint’s retention at its resolution: its TTL, in epoch seconds, that many days after resolvedAt', async () => {
    const store = subjectStore(['cmp-1']);
    const resolvedAt = '2026-11-25T09:30:00.000Z';
    await complaintResolutionWrites(store, { ...escalation, resolvedAt }, now, 1095);
    expect(store.expiries).toEqual([Date.parse(resolvedAt) / 1000 + 1095 * 86_400]);
  });

  it('writes nothing for an escalation whose complaint is not stored: nobody to tell', async () => {
    const store = subjectStore([]);
    await expect(complaintResolutionWrites(store, escalation, now, 1095)).resolves.toEqual([]);
    expect(store.asked).toEqual([]);
  });

  it('writes nothing for a low-survey-score escalation, even if a complaint had its id', async () => {
    const store = subjectStore(['cmp-1']);
    await expect(complaintResolutionWrites(store, { ...escalation, source: 'survey' }, now, 1095)).resolves.toEqual([]);
  });
});
