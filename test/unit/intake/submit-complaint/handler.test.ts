import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { complaintAcceptedMessage } from '../../../../functions/intake/contracts/complaint-accepted-message.ts';
import { serializeSigningKeyRing } from '../../../../functions/links/core/signing-key-ring.ts';
import { verifyStatusToken } from '../../../../functions/intake/core/status-token.ts';
import { captureOutput } from '../../../helpers/capture-output.ts';
import { httpEvent, lambdaContext } from '../../../helpers/events.ts';
import { ringKeys, rotatedKeyRing } from '../../../helpers/key-rings.ts';
import { errorBodyFor } from '../../../helpers/error-body-for.ts';
import { validComplaint } from '../../../helpers/submissions.ts';
import { stubEnvironment } from '../../../helpers/stub-environment.ts';

// The handler reads its configuration and signing key at import, as on a Lambda cold start.
const sqs = mockClient(SQSClient);
const secrets = mockClient(SecretsManagerClient);
let handler: typeof import('../../../../functions/intake/submit-complaint/handler.ts').handler;

beforeAll(async () => {
  stubEnvironment({
    COMPLAINT_QUEUE_URL: 'http://queue.local/complaints',
    SIGNING_KEY_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:signing',
    COMPLAINT_CATEGORIES: 'slow-response,billing,other',
    PUBLIC_BASE_URL: 'https://support.example.com/feedback',
    STATUS_TOKEN_TTL_DAYS: '180',
    POWERTOOLS_METRICS_NAMESPACE: 'Test',
    POWERTOOLS_SERVICE_NAME: 'submit-complaint',
  });
  // A ring as two rotations leave it, so the tests see which key signs.
  secrets.on(GetSecretValueCommand).resolves({ SecretString: serializeSigningKeyRing(rotatedKeyRing()) });
  ({ handler } = await import('../../../../functions/intake/submit-complaint/handler.ts'));
});

beforeEach(() => {
  sqs.reset();
  sqs.on(SendMessageCommand).resolves({ MessageId: 'm-1' });
});
afterEach(() => vi.restoreAllMocks());

const post = (body: unknown, headers: Record<string, string> = {}) =>
  handler(httpEvent({ body: typeof body === 'string' ? body : JSON.stringify(body), headers }), lambdaContext());

describe('POST /complaints', () => {
  it('answers 202 with the reference and status link, and queues the complaint', async () => {
    const response = await post(validComplaint());
    expect(response.statusCode).toBe(202);
    const receipt = JSON.parse(response.body!);
    expect(receipt.reference).toMatch(/^CMP-[0-9A-Z]{8}$/);
    expect(receipt.statusUrl).toMatch(/^https:\/\/support\.example\.com\/feedback\/complaints\/status\?token=/);
    const sent = sqs.commandCalls(SendMessageCommand);
    expect(sent).toHaveLength(1);
    const message = complaintAcceptedMessage.parse(JSON.parse(sent[0]!.args[0].input.MessageBody!));
    expect(message).toMatchObject({ complaintId: receipt.complaintId, reference: receipt.reference, submission: validComplaint() });
  });

  it.each([
    ['a Host with a path and fragment', { host: 'evil.example/phish#' }],
    ['an X-Forwarded-Proto', { 'x-forwarded-proto': 'http' }],
    ['an X-Forwarded-Host', { 'x-forwarded-host': 'evil.example' }],
  ])('builds the status link from PUBLIC_BASE_URL whatever %s the request carries', async (_name, headers) => {
    // The local gateway (and API Gateway for its own domain) copies Host into requestContext.domainName.
    const event = httpEvent({ body: JSON.stringify(validComplaint()), headers });
    const withDomain = { ...event, requestContext: { ...event.requestContext, domainName: event.headers['host'] ?? '' } };
    const response = await handler(withDomain, lambdaContext());
    const statusUrl: string = JSON.parse(response.body!).statusUrl;
    expect(statusUrl.startsWith('https://support.example.com/feedback/complaints/status?token=')).toBe(true);
    expect(statusUrl).not.toMatch(/evil|^http:/);
  });

  it('signs the status link with the current key of the ring only, not the next or a retired one', async () => {
    const { complaintId, statusUrl } = JSON.parse((await post(validComplaint())).body!);
    const token = new URL(statusUrl).searchParams.get('token')!;
    expect(verifyStatusToken(token, [ringKeys.current], new Date())).toBe(complaintId);
    for (const other of [ringKeys.next, ringKeys.retired]) expect(() => verifyStatusToken(token, [other], new Date())).toThrow();
  });

  it('answers a retry with the same Idempotency-Key identically', async () => {
    const first = await post(validComplaint(), { 'idempotency-key': 'retry-abc' });
    const retry = await post(validComplaint(), { 'idempotency-key': 'retry-abc' });
    expect(retry.body).toBe(first.body);
  });

  it.each([
    ['malformed JSON', '{"email":', {}, 400, 'invalid_json'],
    ['the wrong content type', JSON.stringify(validComplaint()), { 'content-type': 'text/plain' }, 415, 'unsupported_media_type'],
    ['an unknown category', validComplaint({ category: 'attitude' }), {}, 400, 'validation_failed'],
    ['an unknown field', validComplaint({ priority: 'urgent' }), {}, 400, 'validation_failed'],
    ['an oversized body', validComplaint({ description: '長'.repeat(12_000) }), {}, 413, 'payload_too_large'],
    ['an invalid Idempotency-Key', validComplaint(), { 'idempotency-key': 'has space' }, 400, 'invalid_idempotency_key'],
  ])('refuses %s with a JSON error and queues nothing', async (_name, body, headers, statusCode, code) => {
    const response = await post(body, headers);
    expect(response.statusCode).toBe(statusCode);
    expect(response.headers?.['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(response.body!)).toEqual(errorBodyFor(code));
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(0);
  });

  it('answers 503 without internals when the queue refuses, so the client retries', async () => {
    sqs.on(SendMessageCommand).rejects(Object.assign(new Error('Rate exceeded on arn:aws:sqs:internal'), { name: 'ThrottlingException' }));
    vi.spyOn(process.stdout, 'write').mockReturnValue(true);
    const response = await post(validComplaint());
    expect(response.statusCode).toBe(503);
    expect(response.headers?.['retry-after']).toBe('1');
    expect(JSON.parse(response.body!).error.code).toBe('service_unavailable');
    expect(response.body).not.toContain('arn:aws');
  });

  it('counts a refusal in its metrics line instead of warning that there are none', async () => {
    const output = captureOutput();
    const response = await post('{"email":');
    expect(response.statusCode).toBe(400);
    expect(output()).not.toContain('No application metrics to publish');
    expect(output()).toContain('"RequestRefused":1');
  });

  it('logs no personal data', async () => {
    const output = captureOutput();
    await post(validComplaint({ name: 'Ada Lovelace' }));
    const logs = output();
    expect(logs).toContain('Complaint accepted');
    for (const personal of ['customer@example.com', 'Ada Lovelace', 'three days']) expect(logs).not.toContain(personal);
  });
});
