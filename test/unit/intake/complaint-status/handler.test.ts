import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { acceptComplaint } from '../../../../functions/intake/core/accept-complaint.ts';
import { complaintItem } from '../../../../functions/intake/core/complaint-record.ts';
import { signStatusToken } from '../../../../functions/intake/core/status-token.ts';
import { captureOutput } from '../../../helpers/capture-output.ts';
import { httpEvent, lambdaContext } from '../../../helpers/events.ts';
import { validComplaint } from '../../../helpers/submissions.ts';
import { stubEnvironment } from '../../../helpers/stub-environment.ts';

const SIGNING_KEY = 'k'.repeat(64);
const dynamodb = mockClient(DynamoDBClient);
const secrets = mockClient(SecretsManagerClient);
let handler: typeof import('../../../../functions/intake/complaint-status/handler.ts').handler;

// The handler reads its configuration and signing key at import, as on a Lambda cold start.
beforeAll(async () => {
  stubEnvironment({
    TABLE_NAME: 'table',
    SIGNING_KEY_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:signing',
    POWERTOOLS_METRICS_NAMESPACE: 'Test',
    POWERTOOLS_SERVICE_NAME: 'complaint-status',
  });
  secrets.on(GetSecretValueCommand).resolves({ SecretString: SIGNING_KEY });
  ({ handler } = await import('../../../../functions/intake/complaint-status/handler.ts'));
});
beforeEach(() => dynamodb.reset());
afterEach(() => vi.restoreAllMocks());

const { message } = acceptComplaint(validComplaint(), {
  now: new Date(),
  signingKey: SIGNING_KEY,
  statusTokenTtlDays: 180,
  statusEndpoint: 'https://api.example.com/complaints/status',
});
const stored = complaintItem(message, { receivedAt: new Date(), retentionDays: 730 });
const tokenValidFor = (ms: number) => signStatusToken(message.complaintId, new Date(Date.now() + ms), SIGNING_KEY);
const askStatus = async (token: string) => {
  const response = await handler(httpEvent({ method: 'GET', path: '/complaints/status', body: undefined, query: { token } }), lambdaContext());
  return { statusCode: response.statusCode, body: JSON.parse(response.body!) };
};

describe('GET /complaints/status', () => {
  it('answers queued, with the reference, while the complaint is not stored', async () => {
    dynamodb.on(GetItemCommand).resolves({});
    expect(await askStatus(tokenValidFor(86_400_000))).toEqual({ statusCode: 200, body: { reference: message.reference, status: 'queued' } });
  });

  it('answers received once stored, without personal data', async () => {
    dynamodb.on(GetItemCommand).resolves({ Item: marshall(stored, { removeUndefinedValues: true }) });
    const answer = await askStatus(tokenValidFor(86_400_000));
    expect(answer).toEqual({
      statusCode: 200,
      body: { reference: message.reference, status: 'received', category: stored.category, acceptedAt: stored.acceptedAt, receivedAt: stored.receivedAt },
    });
  });

  it.each([
    ['a tampered token', () => tokenValidFor(86_400_000).replace(/.$/, (last) => (last === 'A' ? 'B' : 'A')), 401, 'invalid_token'],
    ['an expired token', () => tokenValidFor(-1000), 410, 'token_expired'],
  ])('answers %s with its status and code, without reading the table', async (_name, token, statusCode, code) => {
    captureOutput();
    expect(await askStatus(token())).toEqual({ statusCode, body: { error: { code, message: expect.any(String), details: [] } } });
    expect(dynamodb.commandCalls(GetItemCommand)).toHaveLength(0);
  });

  it('answers 503 when the table refuses, so the holder may retry', async () => {
    dynamodb.on(GetItemCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    captureOutput();
    expect((await askStatus(tokenValidFor(86_400_000))).statusCode).toBe(503);
  });

  it('answers 500 without internals when the stored item has another shape', async () => {
    dynamodb.on(GetItemCommand).resolves({ Item: marshall({ ...stored, category: 42 }, { removeUndefinedValues: true }) });
    const output = captureOutput();
    const answer = await askStatus(tokenValidFor(86_400_000));
    expect(answer).toEqual({ statusCode: 500, body: { error: { code: 'internal_error', message: expect.any(String), details: [] } } });
    expect(output()).toContain('StoredItemInvalidError');
    expect(output()).not.toContain('customer@example.com');
  });
});

describe('GET /complaints/status from a browser', () => {
  const openPage = (token: string, acceptLanguage = 'en') =>
    handler(
      httpEvent({
        method: 'GET',
        path: '/complaints/status',
        body: undefined,
        query: { token },
        headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8', 'accept-language': acceptLanguage },
      }),
      lambdaContext(),
    );

  it('renders the page in the complaint language with the customer-page headers', async () => {
    dynamodb
      .on(GetItemCommand)
      .resolves({ Item: marshall({ ...stored, locale: 'ja', status: 'resolved', resolvedAt: new Date().toISOString(), resolution: '修正しました' }) });
    const response = await openPage(tokenValidFor(86_400_000));
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    expect(response.headers?.['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.body).toContain('<html lang="ja">');
    expect(response.body).toContain('<dd id="status">解決済み</dd>');
    expect(response.body).toContain('修正しました');
  });

  it.each([
    ['a tampered token', () => `${tokenValidFor(86_400_000)}x`, 401],
    ['an expired token', () => tokenValidFor(-86_400_000), 410],
  ])('answers %s with a page, not a JSON body', async (_name, token, statusCode) => {
    const response = await openPage(token(), 'ja');
    expect(response.statusCode).toBe(statusCode);
    expect(response.body).toContain('このリンクはご利用いただけません');
  });
});
