import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { isBearerOf } from '../../../../functions/integration/authorize-integration/is-bearer-of.ts';
import { loadIntegrationKey } from '../../../../functions/integration/authorize-integration/load-integration-key.ts';
import { captureOutput } from '../../../helpers/capture-output.ts';
import { stubEnvironment } from '../../../helpers/stub-environment.ts';

const KEY = 'k'.repeat(40) + 'Z9'.repeat(12);
let handler: typeof import('../../../../functions/integration/authorize-integration/handler.ts').handler;

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

// The handler reads the key at import, as on a Lambda cold start.
beforeAll(async () => {
  stubEnvironment({
    INTEGRATION_KEY_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:integration',
    POWERTOOLS_SERVICE_NAME: 'authorize-integration',
  });
  mockClient(SecretsManagerClient).on(GetSecretValueCommand).resolves({ SecretString: KEY });
  ({ handler } = await import('../../../../functions/integration/authorize-integration/handler.ts'));
});

afterEach(() => vi.restoreAllMocks());

describe('authorize-integration', () => {
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

  it('never writes the key or the header to the log', async () => {
    const output = captureOutput();
    await handler(authorizerEvent(`Bearer ${KEY.slice(0, -1)}`));
    await handler(authorizerEvent(`Bearer ${KEY}`));
    expect(output()).toContain('integration call refused');
    expect(output()).not.toContain(KEY.slice(0, 20));
  });
});

describe('isBearerOf', () => {
  it('compares whole keys, not prefixes', () => {
    expect(isBearerOf('Bearer abc', 'abcd')).toBe(false);
    expect(isBearerOf('Bearer abcd', 'abc')).toBe(false);
    expect(isBearerOf('Bearer abc', 'abc')).toBe(true);
  });
});

describe('loadIntegrationKey', () => {
  it.each([
    ['no value', undefined],
    ['an empty value', ''],
    ['a short value', 'short'],
    ['two tokens', `${'a'.repeat(32)} ${'b'.repeat(32)}`],
  ])('refuses a secret with %s, so the init fails instead of admitting anyone', async (_name, value) => {
    const client = new SecretsManagerClient({});
    mockClient(client).on(GetSecretValueCommand).resolves({ SecretString: value });
    await expect(loadIntegrationKey(client, 'arn')).rejects.toMatchObject({ code: 'integration_key_unusable' });
  });
});
