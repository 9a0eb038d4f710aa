import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { isBearerOf } from '../../../../functions/integration/authorize-integration/is-bearer-of.ts';
import { beginRotation, parseIntegrationKeys, retirePrevious } from '../../../../functions/integration/core/integration-keys.ts';
import { captureOutput } from '../../../helpers/capture-output.ts';
import { stubEnvironment } from '../../../helpers/stub-environment.ts';

const KEY = 'k'.repeat(40) + 'Z9'.repeat(12);
const NEXT = 'n'.repeat(40) + 'Q7'.repeat(12);
let handler: typeof import('../../../../functions/integration/authorize-integration/handler.ts').handler;
// What the secret holds now; each GetSecretValue answers it.
let secretValue = KEY;
const secretsManager = mockClient(SecretsManagerClient);
const reads = () => secretsManager.commandCalls(GetSecretValueCommand).length;

const authorizerEvent = (authorization: string | undefined): APIGatewayRequestAuthorizerEventV2 =>
  ({
    version: '2.0',
    type: 'REQUEST',
    routeArn: 'arn:aws:execute-api:eu-west-1:123456789012:api/$default/POST/cases/resolved',
    identitySource: authorization === undefined ? [] : [authorization],
    routeKey: 'POST /cases/resolved',
    rawPath: '/cases/resolved',
    rawQueryString: '',
    headers: authorization === undefined ? {} : { authorization },
  }) as unknown as APIGatewayRequestAuthorizerEventV2;
const allows = async (key: string) => (await handler(authorizerEvent(`Bearer ${key}`))).isAuthorized;

// The handler reads the key at import, as on a Lambda cold start; the clock is pinned so the cache's age is ours to move.
beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-05T10:00:00Z') });
  stubEnvironment({
    INTEGRATION_KEY_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:integration',
    INTEGRATION_KEY_MAX_AGE_SECONDS: '300',
    POWERTOOLS_SERVICE_NAME: 'authorize-integration',
  });
  secretsManager.on(GetSecretValueCommand).callsFake(() => ({ SecretString: secretValue }));
  ({ handler } = await import('../../../../functions/integration/authorize-integration/handler.ts'));
});
afterEach(() => vi.restoreAllMocks());
afterAll(() => vi.useRealTimers());

describe('authorize-integration', () => {
  // A second on the pinned clock between tests: a refusal's read does not make the next test's wait.
  beforeEach(() => {
    vi.setSystemTime(Date.now() + 1_000);
  });

  it.each([
    ['Bearer <key>', `Bearer ${KEY}`],
    ['a lowercase scheme', `bearer ${KEY}`],
  ])('authorizes %s', async (_name, header) => {
    expect(await handler(authorizerEvent(header))).toEqual({ isAuthorized: true });
  });

  it.each([
    ['no header', undefined],
    ['the bare key', KEY],
    ['another key of the same length', `Bearer ${'x'.repeat(KEY.length)}`],
    ['the key with a character missing', `Bearer ${KEY.slice(1)}`],
    ['the key with a suffix', `Bearer ${KEY}x`],
    ['Basic instead of Bearer', `Basic ${KEY}`],
    ['an empty bearer', 'Bearer '],
  ])('refuses %s, logging the refusal under the function’s name', async (_name, header) => {
    const output = captureOutput();
    expect(await handler(authorizerEvent(header))).toEqual({ isAuthorized: false });
    expect(JSON.parse(output())).toMatchObject({ level: 'WARN', message: 'integration call refused', service: 'authorize-integration' });
  });

  it('judges the identity source, not the viewer’s Authorization header: the origin check’s key comes in a header of its own', async () => {
    captureOutput();
    const originCheck = (identity: string, viewerAuthorization: string) =>
      ({
        ...authorizerEvent(viewerAuthorization),
        identitySource: [identity],
        headers: { authorization: viewerAuthorization, 'x-origin-verify': identity },
      }) as APIGatewayRequestAuthorizerEventV2;
    expect(await handler(originCheck(`Bearer ${KEY}`, 'Bearer a-supervisor-token'))).toEqual({ isAuthorized: true });
    expect(await handler(originCheck('Bearer not-the-key', `Bearer ${KEY}`))).toEqual({ isAuthorized: false });
  });

  it('never writes the key or the header to the log', async () => {
    const output = captureOutput();
    await handler(authorizerEvent(`Bearer ${KEY.slice(0, -1)}`));
    await handler(authorizerEvent(`Bearer ${KEY}`));
    expect(output()).toContain('integration call refused');
    expect(output()).not.toContain(KEY.slice(0, 20));
  });

  it('reads the secret at most once a second for keys it does not hold, however many a caller sends', async () => {
    captureOutput();
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout'], now: Date.now() + 60_000 });
    const started = Date.now();
    const before = reads();
    const refused = (async () => {
      for (let n = 0; n < 5; n++) expect(await allows(`${'x'.repeat(60)}${n}`)).toBe(false);
    })();
    await vi.runAllTimersAsync();
    await refused;
    expect(reads() - before).toBe(5);
    expect(Date.now() - started).toBeGreaterThanOrEqual(4_000);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 1_000 });
  });

  it('accepts a key put just after a bad one was tried: it waits for its read rather than being refused', async () => {
    captureOutput();
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout'], now: Date.now() + 60_000 });
    expect(await allows('y'.repeat(64))).toBe(false);
    secretValue = JSON.stringify(beginRotation(parseIntegrationKeys(secretValue), NEXT));
    const answer = allows(NEXT);
    await vi.runAllTimersAsync();
    expect(await answer).toBe(true);
    // The secret as it was, for the test that follows, and its cached value aged out.
    secretValue = KEY;
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 301_000 });
  });

  it('rotates without downtime: a new key works at once, the old one until retired, then no longer once the cached value ages out', async () => {
    captureOutput();
    vi.setSystemTime(Date.now() + 60_000);
    secretValue = JSON.stringify(beginRotation(parseIntegrationKeys(secretValue), NEXT));
    expect(await allows(NEXT)).toBe(true); // not in the cached value: read again at once
    expect(await allows(KEY)).toBe(true);

    secretValue = JSON.stringify(retirePrevious(parseIntegrationKeys(secretValue)));
    expect(await allows(KEY)).toBe(true); // the cached value, up to INTEGRATION_KEY_MAX_AGE_SECONDS
    vi.setSystemTime(Date.now() + 301_000);
    expect(await allows(KEY)).toBe(false);
    expect(await allows(NEXT)).toBe(true);
  });
});

describe('isBearerOf', () => {
  it('compares whole keys, not prefixes', () => {
    expect(isBearerOf('Bearer abc', 'abcd')).toBe(false);
    expect(isBearerOf('Bearer abcd', 'abc')).toBe(false);
    expect(isBearerOf('Bearer abc', 'abc')).toBe(true);
  });
});

describe('integration keys', () => {
  it.each([
    ['no value', undefined],
    ['an empty value', ''],
    ['a short value', 'short'],
    ['two tokens', `${'a'.repeat(32)} ${'b'.repeat(32)}`],
    ['JSON without a current key', JSON.stringify({ previous: KEY })],
    ['a short previous key', JSON.stringify({ current: KEY, previous: 'short' })],
    ['broken JSON', `{"current": "${KEY}"`],
  ])('refuses a secret with %s, so the init fails instead of admitting anyone', (_name, value) => {
    expect(() => parseIntegrationKeys(value)).toThrow(expect.objectContaining({ code: 'integration_key_unusable' }));
  });

  it('reads the first secret, one plain token, as the current key', () => {
    expect(parseIntegrationKeys(` ${KEY}\n`)).toEqual({ current: KEY });
  });

  it('refuses to begin a rotation while one is under way, which would retire the key the support system still sends', () => {
    const rotating = beginRotation({ current: KEY }, NEXT);
    expect(rotating).toEqual({ current: NEXT, previous: KEY });
    expect(() => beginRotation(rotating, 'm'.repeat(64))).toThrow(/A rotation is under way/);
    expect(retirePrevious(rotating)).toEqual({ current: NEXT });
  });
});
