import { describe, expect, it } from 'vitest';
import { acceptComplaint } from '../../../../functions/intake/core/accept-complaint.ts';
import { complaintItem } from '../../../../functions/intake/core/complaint-record.ts';
import { verifyStatusToken } from '../../../../functions/intake/core/status-token.ts';
import { complaintAcceptedMessage } from '../../../../functions/intake/contracts/complaint-accepted-message.ts';
import { validComplaint } from '../../../helpers/submissions.ts';

const options = {
  now: new Date('2026-11-25T10:00:00Z'),
  signingKey: 's'.repeat(64),
  statusTokenTtlDays: 180,
  statusEndpoint: 'https://api.example.com/complaints/status',
};

describe('acceptComplaint', () => {
  it('returns a receipt whose status link verifies to the queued complaint', () => {
    const { message, receipt } = acceptComplaint(validComplaint(), options);
    expect(complaintAcceptedMessage.parse(message)).toEqual(message);
    expect(receipt.complaintId).toBe(message.complaintId);
    expect(receipt.reference).toMatch(/^CMP-[0-9A-Z]{8}$/);
    const url = new URL(receipt.statusUrl);
    expect(`${url.origin}${url.pathname}`).toBe(options.statusEndpoint);
    expect(verifyStatusToken(url.searchParams.get('token')!, options.signingKey, options.now)).toBe(message.complaintId);
  });

  it('answers a same-day retry with the same Idempotency-Key byte for byte', () => {
    const first = acceptComplaint(validComplaint(), { ...options, idempotencyKey: 'retry-1' });
    const retry = acceptComplaint(validComplaint(), { ...options, idempotencyKey: 'retry-1', now: new Date('2026-11-25T18:00:00Z') });
    expect(retry.receipt).toEqual(first.receipt);
  });

  it('gives two complaints without a key two ids', () => {
    expect(acceptComplaint(validComplaint(), options).receipt.complaintId).not.toBe(acceptComplaint(validComplaint(), options).receipt.complaintId);
  });
});

describe('complaint items', () => {
  const { message } = acceptComplaint(validComplaint({ name: 'Ada' }), options);

  it('keys the item by id, lists it by month and expires it after the retention', () => {
    const item = complaintItem(message, { receivedAt: new Date('2026-11-25T10:00:01Z'), retentionDays: 730 });
    expect(item).toMatchObject({
      pk: `COMPLAINT#${message.complaintId}`,
      sk: 'COMPLAINT',
      gsi1pk: 'COMPLAINTS#2026-11',
      gsi1sk: `2026-11-25T10:00:00.000Z#${message.complaintId}`,
      status: 'received',
      reference: message.reference,
      category: 'slow-response',
      name: 'Ada',
      expiresAt: Date.parse('2026-11-25T10:00:00Z') / 1000 + 730 * 86_400,
    });
  });
});
