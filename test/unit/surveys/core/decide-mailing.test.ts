import { describe, expect, it } from 'vitest';
import { decideMailing, type MailingContext } from '../../../../functions/surveys/core/decide-mailing.ts';
import { daysFromNow, invitation, now, policy } from './survey-fixtures.ts';

const due = invitation({ state: 'scheduled', sentAt: undefined, scheduledFor: daysFromNow(-0.01), expiresAt: daysFromNow(14) });
const sentFourDaysAgo = invitation({ sentAt: daysFromNow(-4), expiresAt: daysFromNow(10) });
const context = (overrides: Partial<MailingContext> = {}): MailingContext => ({
  purpose: 'invitation',
  invitation: due,
  hasAddress: true,
  optedOut: false,
  ...overrides,
});

describe('decideMailing', () => {
  it('sends a scheduled invitation and records it as sent', () => {
    expect(decideMailing(context(), policy(), now)).toEqual({
      kind: 'send',
      purpose: 'invitation',
      invitation: due,
      record: { event: 'sent', kind: 'post_resolution', customerId: 'cust-17', caseId: 'CASE-7', invitationId: due.invitationId, decidedAt: now.toISOString() },
    });
  });

  it('sends a due reminder and records it as reminded', () => {
    const decision = decideMailing(context({ purpose: 'reminder', invitation: sentFourDaysAgo }), policy(), now);
    expect(decision).toMatchObject({ kind: 'send', purpose: 'reminder', record: { event: 'reminded', decidedAt: now.toISOString() } });
  });

  it.each([
    ['the invitation is gone', context({ invitation: undefined }), 'unknown_invitation'],
    ['it was sent already (a redelivery)', context({ invitation: { ...due, state: 'sent' } }), 'not_scheduled'],
    ['it was cancelled by a reopen', context({ invitation: { ...due, state: 'cancelled' } }), 'cancelled'],
    ['it was answered', context({ invitation: { ...due, state: 'answered' } }), 'answered'],
    ['a reminder was sent already', context({ purpose: 'reminder', invitation: { ...sentFourDaysAgo, remindedAt: daysFromNow(-1) } }), 'already_reminded'],
    ['a reminder finds it answered', context({ purpose: 'reminder', invitation: { ...sentFourDaysAgo, state: 'answered' } }), 'answered'],
    ['a reminder comes early', context({ purpose: 'reminder', invitation: invitation({ sentAt: daysFromNow(-1) }) }), 'not_yet_due'],
  ])('drops the message without a record when %s', (_name, given, reason) => {
    expect(decideMailing(given, policy(), now)).toEqual({ kind: 'drop', reason });
  });

  it.each([
    ['the customer opted out', context({ optedOut: true }), 'opted_out', undefined],
    ['the address bounced', context({ addressSuppression: 'bounced' }), 'address_suppressed', 'bounced'],
    ['the customer complained', context({ customerSuppression: 'complained' }), 'address_suppressed', 'complained'],
    ['there is no address', context({ hasAddress: false }), 'no_contact', undefined],
    ['the link expired before it could go out', context({ invitation: { ...due, expiresAt: now.toISOString() } }), 'link_expired', undefined],
  ])('closes the invitation with the reason when %s', (_name, given, reason, detail) => {
    expect(decideMailing(given, policy(), now)).toMatchObject({ kind: 'close', purpose: 'invitation', record: { event: 'skipped', reason, detail } });
  });

  it('never sends a reminder once the link expired, and records why', () => {
    const expired = { ...sentFourDaysAgo, expiresAt: daysFromNow(-0.5) };
    expect(decideMailing(context({ purpose: 'reminder', invitation: expired }), policy(), now)).toMatchObject({
      kind: 'close',
      purpose: 'reminder',
      record: { event: 'skipped', reason: 'link_expired', detail: 'reminder' },
    });
  });

  it('closes a reminder to a customer who opted out after the first email', () => {
    expect(decideMailing(context({ purpose: 'reminder', invitation: sentFourDaysAgo, optedOut: true }), policy(), now)).toMatchObject({
      kind: 'close',
      record: { reason: 'opted_out', detail: 'reminder' },
    });
  });
});
