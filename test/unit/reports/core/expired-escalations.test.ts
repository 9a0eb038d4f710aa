import { describe, expect, it } from 'vitest';
import { expiredEscalations } from '../../../../functions/reports/core/expired-escalations.ts';

describe('the escalations whose trail goes', () => {
  it('are those DynamoDB’s TTL deleted, in stream order, and no other removal or item', () => {
    expect(
      expiredEscalations([
        { sequenceNumber: '1', eventName: 'REMOVE', byTtl: true, pk: 'ESCALATION#e-1', sk: 'ESCALATION' },
        // A person's delete keeps the trail; so does any change that is no removal.
        { sequenceNumber: '2', eventName: 'REMOVE', byTtl: false, pk: 'ESCALATION#e-2', sk: 'ESCALATION' },
        { sequenceNumber: '3', eventName: 'MODIFY', byTtl: false, pk: 'ESCALATION#e-3', sk: 'ESCALATION' },
        // An audit entry or another item expiring is not an escalation's expiry.
        { sequenceNumber: '4', eventName: 'REMOVE', byTtl: true, pk: 'ESCALATION#e-4', sk: 'AUDIT#2026-01-01T00:00:00.000Z#000001' },
        { sequenceNumber: '5', eventName: 'REMOVE', byTtl: true, pk: 'COMPLAINT#c-1', sk: 'COMPLAINT' },
        { sequenceNumber: '6', eventName: 'REMOVE', byTtl: true, pk: 'ESCALATION#constructor', sk: 'ESCALATION' },
      ]),
    ).toEqual([
      { escalationId: 'e-1', sequenceNumber: '1' },
      { escalationId: 'constructor', sequenceNumber: '6' },
    ]);
  });
});
