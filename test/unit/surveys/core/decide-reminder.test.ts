import { describe, expect, it } from 'vitest';
import { decideReminder } from '../../../../functions/surveys/core/decide-reminder.ts';
import { daysFromNow, invitation, now, policy } from './survey-fixtures.ts';

describe('decideReminder', () => {
  it('is due 3 days after sending when unanswered, and records the reminder', () => {
    const sent = invitation({ sentAt: daysFromNow(-3), expiresAt: daysFromNow(11) });
    expect(decideReminder(sent, now, policy())).toEqual({
      kind: 'due',
      invitation: { ...sent, remindedAt: now.toISOString() },
      record: {
        event: 'reminded',
        kind: 'post_resolution',
        customerId: 'cust-17',
        caseId: 'CASE-7',
        invitationId: sent.invitationId,
        decidedAt: now.toISOString(),
      },
    });
  });

  it.each([
    ['not yet sent', invitation({ state: 'scheduled', sentAt: undefined, scheduledFor: daysFromNow(-5) }), policy(), 'not_sent'],
    ['cancelled', invitation({ state: 'cancelled', sentAt: undefined, scheduledFor: daysFromNow(-5) }), policy(), 'cancelled'],
    ['answered (confirmed)', invitation({ state: 'answered', sentAt: daysFromNow(-5) }), policy(), 'answered'],
    ['already reminded once', invitation({ sentAt: daysFromNow(-8), remindedAt: daysFromNow(-5) }), policy(), 'already_reminded'],
    ['expired', invitation({ sentAt: daysFromNow(-14), expiresAt: now.toISOString() }), policy(), 'expired'],
    ['expired long ago and never reminded', invitation({ sentAt: daysFromNow(-30), expiresAt: daysFromNow(-16) }), policy(), 'expired'],
    ['sent 2 days ago', invitation({ sentAt: daysFromNow(-2) }), policy(), 'not_yet_due'],
    ['sent 3 days ago under a 5-day reminder policy', invitation({ sentAt: daysFromNow(-3) }), policy({ reminderAfterDays: 5 }), 'not_yet_due'],
  ])('holds the reminder when the invitation is %s', (_name, held, settings, reason) => {
    expect(decideReminder(held, now, settings)).toMatchObject({ kind: 'held', reason });
  });

  it('says when a reminder not yet due will be', () => {
    expect(decideReminder(invitation({ sentAt: '2026-11-24T08:00:00.000Z' }), now, policy())).toEqual({
      kind: 'held',
      reason: 'not_yet_due',
      dueAt: '2026-11-27T08:00:00.000Z',
    });
  });

  it('is due at most once: the invitation it returns is held as already reminded', () => {
    const first = decideReminder(invitation({ sentAt: daysFromNow(-4) }), now, policy());
    if (first.kind !== 'due') throw new Error('expected a due reminder');
    expect(decideReminder(first.invitation, new Date(now.getTime() + 86_400_000), policy())).toMatchObject({ kind: 'held', reason: 'already_reminded' });
  });
});
