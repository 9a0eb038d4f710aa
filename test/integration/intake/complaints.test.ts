import { describe, expect, inject, it, vi } from 'vitest';
import { validComplaint } from '../../helpers/submissions.ts';
import { QUEUES, connectTo } from '../helpers/pipeline-connection.ts';

const pipeline = connectTo(inject('pipeline'));

const statusOf = async (statusUrl: string) => {
  const response = await fetch(statusUrl);
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
};

describe('complaints through the local pipeline', () => {
  it('accepts a complaint at once and reports it received once it is stored', async () => {
    const body = validComplaint({
      description: '<script>alert("x")</script>\n三日間、返事がありません。&amp; 😞',
      name: '山田 太郎',
      locale: 'ja-JP',
      caseId: 'CASE-2026-0001',
      product: 'ルーター X',
    });
    const response = await pipeline.postJson('/complaints', body);
    expect(response.status).toBe(202);
    expect(response.json).toEqual({
      complaintId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      reference: expect.stringMatching(/^CMP-[0-9A-Z]{8}$/),
      statusUrl: expect.stringMatching(new RegExp(`^${inject('pipeline').apiUrl}/complaints/status\\?token=`)),
    });

    const received = await vi.waitFor(
      async () => {
        const current = await statusOf(response.json.statusUrl);
        // Stored with its escalation in one transaction: under review from the first read.
        expect(current.json.status).toBe('under_review');
        return current;
      },
      { timeout: 15_000, interval: 100 },
    );
    expect(received.status).toBe(200);
    expect(received.json).toMatchObject({ reference: response.json.reference, status: 'under_review', category: 'slow-response' });
    expect(JSON.stringify(received.json)).not.toContain('customer@example.com');

    const item = await pipeline.getItem(`COMPLAINT#${response.json.complaintId}`, 'COMPLAINT');
    expect(item).toMatchObject({ ...body, reference: response.json.reference, status: 'under_review' });
    expect(item!.description).toBe(body.description);
    // Under review, it is kept: its retention (1,095 days by default) starts when it is resolved.
    expect(item!.expiresAt).toBeUndefined();
  });

  it('stores one record when a client retries with the same Idempotency-Key', async () => {
    const body = validComplaint({ description: `retried ${Date.now()}` });
    const headers = { 'idempotency-key': `retry-${Date.now()}` };
    const answers = await Promise.all([1, 2, 3].map(() => pipeline.postJson('/complaints', body, headers)));
    expect(answers.map((answer) => answer.status)).toEqual([202, 202, 202]);
    expect(new Set(answers.map((answer) => answer.text)).size).toBe(1);

    const { reference } = answers[0]!.json;
    await vi.waitFor(async () => expect((await statusOf(answers[0]!.json.statusUrl)).json.status).toBe('under_review'), { timeout: 15_000, interval: 100 });
    // Give the two duplicate deliveries time to reach the consumer, then count.
    await vi.waitFor(async () => expect(await pipeline.queueDepth(QUEUES.complaints)).toBe(0), { timeout: 15_000, interval: 100 });
    // One complaint and one escalation carry the reference.
    const items = await pipeline.itemsWhere('reference', reference);
    expect(items.map((item) => String(item['pk']).split('#')[0]).sort()).toEqual(['COMPLAINT', 'ESCALATION']);
  });

  it('keeps two complaints without a key apart', async () => {
    const body = validComplaint({ description: `twice ${Date.now()}` });
    const [first, second] = await Promise.all([pipeline.postJson('/complaints', body), pipeline.postJson('/complaints', body)]);
    expect([first!.status, second!.status]).toEqual([202, 202]);
    expect(first!.json.complaintId).not.toBe(second!.json.complaintId);
    await vi.waitFor(async () => expect(await pipeline.itemsWhere('description', body.description)).toHaveLength(2), { timeout: 15_000, interval: 100 });
  });

  it.each([
    ['a tampered token', (url: string) => url.replace(/token=(.)/, (_m, c: string) => `token=${c === 'a' ? 'b' : 'a'}`), 401, 'invalid_token'],
    ['no token', (url: string) => url.replace(/\?token=.*/, ''), 401, 'invalid_token'],
  ])('refuses a status request with %s', async (_name, spoil, status, code) => {
    const accepted = await pipeline.postJson('/complaints', validComplaint());
    expect(accepted.status).toBe(202);
    const response = await fetch(spoil(accepted.json.statusUrl));
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ error: { code, message: expect.any(String), details: [] } });
  });
});
