import * as fc from 'fast-check';
import { describe, expect, inject, it, vi } from 'vitest';
import { DEFAULT_COMPLAINT_CATEGORIES, complaintSubmissionSchema } from '../../../functions/intake/contracts/complaint-submission.ts';
import { feedbackSubmissionSchema } from '../../../functions/intake/contracts/feedback-submission.ts';
import { findDuplicateKey } from '../../../functions/platform/http/find-duplicate-key.ts';
import { propertyRuns } from '../../helpers/property-runs.ts';
import { errorBodyFor } from '../../helpers/error-body-for.ts';
import { validArticleFeedback, validComplaint } from '../../helpers/submissions.ts';
import { QUEUES, connectTo } from '../helpers/pipeline-connection.ts';

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
  [
    'invalid UTF-8 in otherwise valid JSON',
    { body: Buffer.from(complaint.replace('three days', 'three d\u00e4ys'), 'latin1'), headers: json },
    400,
    'invalid_json',
  ],
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
  ['a member named twice', { body: complaint.replace('{', '{"email":"first@example.com",'), headers: json }, 400, 'duplicate_key'],
  [
    'a description of zero-width spaces',
    { body: JSON.stringify(validComplaint({ description: '\u200b\u2060\u3164' })), headers: json },
    400,
    'validation_failed',
  ],
  ['a name with a right-to-left override', { body: JSON.stringify(validComplaint({ name: 'Ada \u202etxt.exe' })), headers: json }, 400, 'validation_failed'],
  ['an Idempotency-Key with spaces', { body: complaint, headers: { ...json, 'idempotency-key': 'a b' } }, 400, 'invalid_idempotency_key'],
  ['feedback that says nothing', { path: '/feedback', body: JSON.stringify({ kind: 'site' }), headers: json }, 400, 'validation_failed'],
  ['feedback with a rating of 11', { path: '/feedback', body: JSON.stringify({ kind: 'site', rating: 11 }), headers: json }, 400, 'validation_failed'],
  [
    'feedback with an email field',
    { path: '/feedback', body: JSON.stringify(validArticleFeedback({ email: 'a@example.com' })), headers: json },
    400,
    'validation_failed',
  ],
  ['an unknown route', { path: '/nothing-here', body: complaint, headers: json }, 404, 'route_not_found'],
  ['a GET on an intake route', { method: 'GET', path: '/complaints' }, 404, 'route_not_found'],
  ['a DELETE on feedback', { method: 'DELETE', path: '/feedback' }, 404, 'route_not_found'],
  ['a status request without a token', { method: 'GET', path: '/complaints/status' }, 401, 'invalid_token'],
  [
    'a status request with a forged token',
    { method: 'GET', path: `/complaints/status?token=${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}.9999999999.${'A'.repeat(43)}` },
    401,
    'invalid_token',
  ],
];

const queuesDrained = async () => {
  expect((await pipeline.queueDepth(QUEUES.complaints)) + (await pipeline.queueDepth(QUEUES.feedback))).toBe(0);
};
const deadLetterCount = async () => (await pipeline.queueDepth(QUEUES.complaintDeadLetters)) + (await pipeline.queueDepth(QUEUES.feedbackDeadLetters));

// What each route's contract says about a body, computed with the same schemas the functions use,
// so a random body that happens to be a valid submission is expected, not a surprise.
const schemas = { '/complaints': complaintSubmissionSchema(DEFAULT_COMPLAINT_CATEGORIES), '/feedback': feedbackSubmissionSchema };
type Route = keyof typeof schemas;
const expectedAnswer = (route: Route, body: string): { status: 202 } | { status: 400; code: string } => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { status: 400, code: 'invalid_json' };
  }
  if (findDuplicateKey(body) !== undefined) return { status: 400, code: 'duplicate_key' };
  return schemas[route].safeParse(parsed).success ? { status: 202 } : { status: 400, code: 'validation_failed' };
};

// Seeded (FC_SEED), so the 150 bodies are the same on every run; each kind is a third of them.
const randomBodies = fc.sample(
  fc.tuple(
    fc.constantFrom<Route>('/complaints', '/feedback'),
    fc.oneof(
      // Any text, including broken JSON and every kind of character.
      fc.string({ unit: 'binary', maxLength: 200 }),
      // A valid complaint with one character put anywhere: sometimes still valid, then stored.
      fc
        .tuple(fc.nat(complaint.length), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }))
        .map(([at, character]) => `${complaint.slice(0, at)}${character}${complaint.slice(at)}`),
      // Any JSON value, and a valid submission with a random extra member.
      fc
        .oneof(
          fc.jsonValue(),
          fc.tuple(fc.string({ minLength: 1 }), fc.jsonValue()).map(([name, value]) => ({ ...validComplaint(), [name]: value })),
        )
        .map((value) => JSON.stringify(value) ?? 'null'),
    ),
  ),
  propertyRuns(150),
);

describe('bad input', () => {
  it.each(badRequests)('answers %s with a JSON 4xx', async (_name, request, status, code) => {
    const response = await pipeline.request(request.method ?? 'POST', request.path ?? '/complaints', request);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.json).toEqual(errorBodyFor(code));
  });

  it('answers a body of 4,250 unknown fields briefly: 20 details and how many more', async () => {
    const unknown = Object.fromEntries(Array.from({ length: 4250 }, (_, index) => [index.toString(36), 0]));
    const response = await pipeline.postJson('/complaints', unknown);
    expect(response.status).toBe(400);
    expect(response.json.error.details).toHaveLength(20);
    expect(response.json.error.message).toContain('of 4253 problems');
    expect(response.text.length).toBeLessThan(4096);
  });

  it('answers 150 random bodies as their contract says: 202 when valid, the JSON 400 otherwise, never a 5xx', async () => {
    const accepted: { route: Route; id: string }[] = [];
    for (const [index, [route, body]] of randomBodies.entries()) {
      const response = await pipeline.request('POST', route, { body, headers: json });
      const expected = expectedAnswer(route, body);
      expect({ index, status: response.status }).toEqual({ index, status: expected.status });
      if (expected.status === 400) expect(response.json).toEqual(errorBodyFor(expected.code));
      else accepted.push({ route, id: response.json.complaintId ?? response.json.feedbackId });
    }
    // Wait until every accepted body is stored, so none is still in flight when the next test counts.
    for (const { route, id } of accepted) {
      const key = route === '/complaints' ? (['COMPLAINT#', 'COMPLAINT'] as const) : (['FEEDBACK#', 'FEEDBACK'] as const);
      await vi.waitFor(async () => expect(await pipeline.getItem(`${key[0]}${id}`, key[1])).toMatchObject({ pk: `${key[0]}${id}` }), {
        timeout: 15_000,
        interval: 100,
      });
    }
  });

  it('stores and queues nothing for refused input', async () => {
    // Earlier tests may have queued valid submissions: count only once the queues are drained.
    await vi.waitFor(queuesDrained, { timeout: 30_000, interval: 100 });
    // Complaints and feedback only: a stored complaint also opens an escalation, whose items (audit
    // entry, outbox, round-robin, the complainant's log) depend on what earlier tests stored.
    const countSubmissions = async () => (await pipeline.itemsWhere('type', 'complaint')).length + (await pipeline.itemsWhere('type', 'feedback')).length;
    const before = await countSubmissions();
    const deadLettersBefore = await deadLetterCount();
    for (const [, request] of badRequests) await pipeline.request(request.method ?? 'POST', request.path ?? '/complaints', request);

    // Two accepted sentinels: once both are stored, anything the refused requests had queued would be too.
    const sentinelComplaint = await pipeline.postJson('/complaints', validComplaint({ description: `sentinel ${Date.now()}` }));
    const sentinelFeedback = await pipeline.postJson('/feedback', { kind: 'site', rating: 3 });
    expect([sentinelComplaint.status, sentinelFeedback.status]).toEqual([202, 202]);
    await vi.waitFor(
      async () => {
        expect(await pipeline.getItem(`COMPLAINT#${sentinelComplaint.json.complaintId}`, 'COMPLAINT')).toMatchObject({ status: 'under_review' });
        expect(await pipeline.getItem(`FEEDBACK#${sentinelFeedback.json.feedbackId}`, 'FEEDBACK')).toMatchObject({ type: 'feedback' });
      },
      { timeout: 15_000, interval: 100 },
    );
    await vi.waitFor(queuesDrained, { timeout: 30_000, interval: 100 });

    expect(await countSubmissions()).toBe(before + 2);
    expect(await deadLetterCount()).toBe(deadLettersBefore);
  });
});
