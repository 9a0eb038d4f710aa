import { describe, expect, it } from 'vitest';
import { invitationAttributes, invitationOf } from '../../../../functions/surveys/adapters/survey-items.ts';
import { scheduledInvitation } from './survey-item-fixtures.ts';

const retained = { ...scheduledInvitation, retainUntil: 1_836_367_200 };

describe('invitation items', () => {
  it("store the link's expiry as linkExpiresAt and the retention as expiresAt, the table's TTL attribute in epoch seconds", () => {
    expect(invitationAttributes(retained)).toEqual({
      invitationId: 'inv-1',
      kind: 'post_resolution',
      customerId: 'cust-1',
      caseId: 'CASE-1',
      state: 'scheduled',
      scheduledFor: '2026-03-02T10:00:00.000Z',
      linkExpiresAt: '2026-03-16T10:00:00.000Z',
      expiresAt: 1_836_367_200,
    });
  });

  it('read back as the invitation that was stored', () => {
    expect(invitationOf({ pk: 'INVITATION#inv-1', sk: 'INVITATION', ...invitationAttributes(retained) })).toEqual(retained);
  });

  it("read an item stored before retention, whose expiresAt is the link's expiry, as an invitation kept without end", () => {
    const legacy = { pk: 'INVITATION#inv-1', sk: 'INVITATION', ...scheduledInvitation };
    expect(invitationOf(legacy)).toEqual({ ...scheduledInvitation, retainUntil: undefined });
    expect(invitationAttributes(invitationOf(legacy))).not.toHaveProperty('expiresAt');
  });

  it('refuse an item with no link expiry at all', () => {
    const { expiresAt: _expiresAt, ...withoutExpiry } = scheduledInvitation;
    expect(() => invitationOf({ pk: 'INVITATION#inv-1', sk: 'INVITATION', ...withoutExpiry })).toThrow(/inv-1 has no link expiry/);
  });
});
