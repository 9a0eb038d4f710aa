import { describe, expect, it } from 'vitest';
import { cancelOnReopen } from '../../../../functions/surveys/core/cancel-on-reopen.ts';
import { invitation, now } from './survey-fixtures.ts';

describe('cancelOnReopen', () => {
  it('cancels an invitation not yet sent, and records it', () => {
    const scheduled = invitation({ state: 'scheduled', sentAt: undefined });
    expect(cancelOnReopen(scheduled, now)).toEqual({
      kind: 'cancelled',
      invitation: { ...scheduled, state: 'cancelled', cancelledAt: now.toISOString() },
      record: {
        event: 'cancelled',
        kind: 'post_resolution',
        customerId: 'cust-17',
        caseId: 'CASE-7',
        invitationId: scheduled.invitationId,
        detail: 'case reopened',
        decidedAt: now.toISOString(),
      },
    });
  });

  it.each([
    ['sent', 'already_sent'],
    ['answered', 'already_answered'],
    ['cancelled', 'already_cancelled'],
  ] as const)('keeps an invitation already %s', (state, reason) => {
    expect(cancelOnReopen(invitation({ state }), now)).toEqual({ kind: 'kept', reason });
  });
});
