import { describe, expect, it } from 'vitest';
import { acceptComplaint } from '../../../../functions/intake/core/accept-complaint.ts';
import { complainantLogExpiresAt, storedComplaintOf } from '../../../../functions/intake/core/stored-complaint.ts';
import { anEscalation } from '../../../helpers/escalation-fixtures.ts';
import { validComplaint } from '../../../helpers/submissions.ts';

const acceptedAt = new Date('2026-11-25T10:00:00Z');
const now = new Date('2026-11-25T10:00:02Z');
const { message } = acceptComplaint(validComplaint() as never, {
  now: acceptedAt,
  signingKey: 's'.repeat(64),
  statusTokenTtlDays: 180,
  statusEndpoint: 'https://api.example.com/complaints/status',
});
const standardCustomer = { id: 'cust-1', tier: 'standard' as const };

describe('storedComplaintOf', () => {
  it('stores a complaint without an escalation as received, at the time the consumer got it, expiring retentionDays after acceptance', () => {
    const item = storedComplaintOf(message, { customer: standardCustomer, acknowledgementWithheld: false }, { receivedAt: now, retentionDays: 730 });
    expect(item).toMatchObject({
      pk: `COMPLAINT#${message.complaintId}`,
      sk: 'COMPLAINT',
      status: 'received',
      reference: message.reference,
      receivedAt: now.toISOString(),
      expiresAt: Math.floor(acceptedAt.getTime() / 1000) + 730 * 86_400,
    });
    expect(item).not.toHaveProperty('escalationId');
    expect(item).not.toHaveProperty('language');
  });

  it('stores a complaint whose escalation opened as under review, with what its status page shows and the customer it is about', () => {
    const escalation = anEscalation({ id: message.complaintId, createdAt: now.toISOString(), guaranteed: true });
    const item = storedComplaintOf(
      message,
      { customer: { id: 'cust-9', tier: 'premium' }, escalation, acknowledgementWithheld: false },
      { receivedAt: now, retentionDays: 730 },
    );
    expect(item).toMatchObject({
      status: 'under_review',
      escalationId: escalation.id,
      customerId: 'cust-9',
      tier: 'premium',
      underReviewAt: escalation.createdAt,
      responseGuaranteed: true,
      respondBy: escalation.ackDueAt,
    });
    // Kept until resolved: the resolve starts its retention (complaintResolutionWrites).
    expect(item['expiresAt']).toBeUndefined();
  });

  it('marks a complaint whose acknowledgement was withheld, for the supervisor, and no other', () => {
    const escalation = anEscalation({ id: message.complaintId, createdAt: now.toISOString() });
    const at = { receivedAt: now, retentionDays: 730 };
    expect(storedComplaintOf(message, { customer: standardCustomer, escalation, acknowledgementWithheld: true }, at)).toMatchObject({
      acknowledgement: 'withheld',
    });
    expect(storedComplaintOf(message, { customer: standardCustomer, escalation, acknowledgementWithheld: false }, at)).not.toHaveProperty('acknowledgement');
  });

  it('keeps the language the complainant is written to in, theirs or their case’s', () => {
    const item = storedComplaintOf(
      message,
      { customer: { ...standardCustomer, language: 'ja' }, acknowledgementWithheld: false },
      { receivedAt: now, retentionDays: 730 },
    );
    expect(item.language).toBe('ja');
  });

  it('builds the same item for a redelivery received at the same moment', () => {
    const plan = {
      customer: standardCustomer,
      escalation: anEscalation({ id: message.complaintId, createdAt: now.toISOString() }),
      acknowledgementWithheld: false,
    };
    expect(storedComplaintOf(message, plan, { receivedAt: now, retentionDays: 30 })).toEqual(
      storedComplaintOf(message, plan, { receivedAt: now, retentionDays: 30 }),
    );
  });
});

describe('complainantLogExpiresAt', () => {
  it('keeps the complainant’s log for the repeat window, counted in whole seconds from now', () => {
    expect(complainantLogExpiresAt(new Date('2026-01-01T00:00:00.900Z'), 30)).toBe(Date.parse('2026-01-31T00:00:00Z') / 1000);
  });
});
