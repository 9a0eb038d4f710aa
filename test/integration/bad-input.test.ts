import { randomBytes } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { validArticleFeedback, validComplaint } from '../helpers/submissions.ts';
import { QUEUES, connectTo, eventually } from './helpers/pipeline-connection.ts';

const pipeline = connectTo(inject('pipeline'));
const json = { 'content-type': 'application/json' };
const complaint = JSON.stringify(validComplaint());

interface BadRequest {
  readonly method?: string;
  readonly path?: string;
  readonly body?: string | Buffer;
  readonly headers?: Record<string, string>;
}

const badRequests: [string, BadRequest, number, string][] = [
  ['malformed JSON', { body: '{"email":"a@example.com",', headers: json }, 400, 'invalid_json'],
  ['an empty body', { body: '', headers: json }, 400, 'invalid_json'],
  ['invalid UTF-8 in otherwise valid JSON', { body: Buffer.from(complaint.replace('three days', 'three d\u00e4ys'), 'latin1'), headers: json }, 400, 'invalid_json'],
  ['a text/plain body', { body: complaint, headers: { 'content-type': 'text/plain' } }, 415, 'unsupported_media_type'],
  ['a form body', { body: 'email=a%40example.com', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 415, 'unsupported_media_type'],
  ['no content type', { body: complaint }, 415, 'unsupported_media_type'],
  ['a JSON array', { body: '[1,2]', headers: json }, 400, 'validation_failed'],
  ['a missing description', { body: JSON.stringify({ email: 'a@example.com', category: 'other' }), headers: json }, 400, 'validation_failed'],
  ['an unknown field', { body: JSON.stringify(validComplaint({ admin: true })), headers: json }, 400, 'validation_failed'],
  ['a number for a text', { body: JSON.stringify(validComplaint({ description: 7 })), headers: json }, 400, 'validation_failed'],
  ['an unknown category', { body: JSON.stringify(validComplaint({ category: 'weather' })), headers: json }, 400, 'validation_failed'],
  ['a NUL character', { body: JSON.stringify(validComplaint({ description: 'a\u0000b' })), headers: json }, 400, 'validation_failed'],
  ['an ANSI escape', { body: JSON.stringify(validComplaint({ name: '\u001b[31mred' })), headers: json }, 400, 'validation_failed'],
  ['the noncharacter U+FFFF', { body: JSON.stringify(validComplaint({ description: 'a\uffff' })), headers: json }, 400, 'validation_failed'],
  ['a lone surrogate escape', { body: complaint.replace('three days', '\\ud800'), headers: json }, 400, 'validation_failed'],
  ['a 100 KB body', { body: JSON.stringify(validComplaint({ description: 'x'.repeat(100_000) })), headers: json }, 413, 'payload_too_large'],
  ['a 1 MB body', { body: JSON.stringify(validComplaint({ description: 'x'.repeat(1_000_000) })), headers: json }, 413, 'payload_too_large'],
  ['deeply nested JSON', { body: `${'['.repeat(5000)}${']'.repeat(5000)}`, headers: json }, 400, 'validation_failed'],
  ['an Idempotency-Key with spaces', { body: complaint, headers: { ...json, 'idempotency-key': 'a b' } }, 400, 'invalid_idempotency_key'],
  ['feedback that says nothing', { path: '/feedback', body: JSON.stringify({ kind: 'site' }), headers: json }, 400, 'validation_failed'],
  ['feedback with a rating of 11', { path: '/feedback', body: JSON.stringify({ kind: 'site', rating: 11 }), headers: json }, 400, 'validation_failed'],
  ['feedback with an email field', { path: '/feedback', body: JSON.stringify(validArticleFeedback({ email: 'a@example.com' })), headers: json }, 400, 'validation_failed'],
  ['an unknown route', { path: '/nothing-here', body: complaint, headers: json }, 404, 'route_not_found'],
  ['a GET on an intake route', { method: 'GET', path: '/complaints' }, 404, 'route_not_found'],
  ['a DELETE on feedback', { method: 'DELETE', path: '/feedback' }, 404, 'route_not_found'],
  ['a status request without a token', { method: 'GET', path: '/complaints/status' }, 401, 'invalid_token'],
  ['a status request with a forged token', { method: 'GET', path: `/complaints/status?token=${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}.9999999999.${'A'.repeat(43)}` }, 401, 'invalid_token'],
];

const queuesDrained = async (): Promise<true | undefined> =>
  (await pipeline.queueDepth(QUEUES.complaints)) + (await pipeline.queueDepth(QUEUES.feedback)) === 0 ? true : undefined;

describe('bad input', () => {
  it.each(badRequests)('answers %s with a JSON 4xx', async (_name, request, status, code) => {
    const response = await pipeline.request(request.method ?? 'POST', request.path ?? '/complaints', request);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.json).toEqual({ error: { code, message: expect.any(String), details: expect.any(Array) } });
  });

  it('never answers random bodies with a 5xx', async () => {
    const statuses = new Set<number>();
    for (let i = 0; i < 150; i++) {
      const variant = i % 3;
      const body =
        variant === 0
          ? randomBytes(1 + (i % 200))
          : variant === 1
            ? complaint.slice(0, i % complaint.length) + String.fromCharCode(i * 37 % 0xffff) + complaint.slice(i % complaint.length)
            : JSON.stringify({ ...validComplaint(), [`f${i}`]: i % 2 ? null : [i] });
      const response = await pipeline.request('POST', i % 2 ? '/complaints' : '/feedback', { body, headers: json });
      statuses.add(response.status);
      expect(response.status, `request ${i}`).toBeLessThan(500);
    }
    expect([...statuses].every((status) => status >= 200 && status < 500)).toBe(true);
  });

  it('stores and queues nothing for refused input', async () => {
    // Earlier tests may have queued valid submissions: count only once the queues are drained.
    await eventually(queuesDrained, 30_000, 'queues drained before counting');
    const before = await pipeline.countItems();
    const deadLettersBefore = (await pipeline.queueDepth(QUEUES.complaintDeadLetters)) + (await pipeline.queueDepth(QUEUES.feedbackDeadLetters));
    for (const [, request] of badRequests) await pipeline.request(request.method ?? 'POST', request.path ?? '/complaints', request);

    // Two accepted sentinels: once both are stored, anything the refused requests had queued would be too.
    const sentinelComplaint = await pipeline.postJson('/complaints', validComplaint({ description: `sentinel ${Date.now()}` }));
    const sentinelFeedback = await pipeline.postJson('/feedback', { kind: 'site', rating: 3 });
    await eventually(() => pipeline.getItem(`COMPLAINT#${sentinelComplaint.json.complaintId}`, 'COMPLAINT'));
    await eventually(() => pipeline.getItem(`FEEDBACK#${sentinelFeedback.json.feedbackId}`, 'FEEDBACK'));
    await eventually(queuesDrained, 30_000, 'queues drained after the sentinels');

    expect(await pipeline.countItems()).toBe(before + 2);
    const deadLettersAfter = (await pipeline.queueDepth(QUEUES.complaintDeadLetters)) + (await pipeline.queueDepth(QUEUES.feedbackDeadLetters));
    expect(deadLettersAfter).toBe(deadLettersBefore);
  });
});
