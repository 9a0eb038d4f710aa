import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CryptoKey, generateKeyPair, SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readAuthKey } from '../../../local/auth/auth-key-file.ts';
import { type LocalTokenIssuer, startLocalTokenIssuer } from '../../../local/auth/local-token-issuer.ts';
import { mintSupervisorToken } from '../../../local/auth/mint-supervisor-token.ts';
import type { HttpApiJwtAuthorizer } from '../../../local/gateway/http-api-authorizers.ts';
import type { HttpApiRoute } from '../../../local/gateway/http-api-routes.ts';
import { claimAsString } from '../../../local/gateway/jwt-authorizer.ts';
import { type LocalHttpApi, serveHttpApi } from '../../../local/gateway/serve-http-api.ts';

let issuer: LocalTokenIssuer;
let dataDir: string;
let api: LocalHttpApi | undefined;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'jwt-gateway-'));
  issuer = await startLocalTokenIssuer(dataDir);
});
afterAll(async () => {
  await issuer.stop();
  await rm(dataDir, { recursive: true, force: true });
});
afterEach(async () => {
  await api?.stop();
  api = undefined;
});

const supervisor = { userId: 'sup-1', name: 'Ana', email: 'ana@example.com', groups: ['supervisor', 'lead'], team: 'network' } as const;

/** A gateway with one JWT route (and one asking for a scope) whose function echoes requestContext.authorizer. */
const aGateway = async () => {
  const authorizer: HttpApiJwtAuthorizer = {
    logicalId: 'Authorizer',
    name: 'supervisor-jwt',
    identitySource: ['$request.header.Authorization'],
    issuer: issuer.url,
    templateIssuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool',
    audience: [issuer.audience],
  };
  const routes: HttpApiRoute[] = [
    { routeKey: 'GET /escalations', functionName: 'list', stage: '$default', authorizer },
    { routeKey: 'GET /reports', functionName: 'reports', stage: '$default', authorizer, authorizationScopes: ['reports/read'] },
  ];
  const invoked: string[] = [];
  api = await serveHttpApi({
    port: 0,
    routes,
    invoke: async (functionName, event) => {
      invoked.push(functionName);
      return { statusCode: 200, body: JSON.stringify((event as { requestContext: { authorizer?: unknown } }).requestContext.authorizer ?? null) };
    },
  });
  const send = async (path: string, authorization?: string) => {
    const response = await fetch(`${api!.url}${path}`, { headers: authorization === undefined ? {} : { authorization } });
    return { status: response.status, body: (await response.json()) as any, wwwAuthenticate: response.headers.get('www-authenticate') };
  };
  return { invoked, send };
};

const issuerKey = () => readAuthKey(join(dataDir, 'auth-keys.json'));

const signedBy = async (privateKey: CryptoKey, claims: Record<string, unknown>, options: { audience?: string; issuer?: string; expiresIn?: string } = {}) =>
  new SignJWT({ token_use: 'id', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: issuer.kid })
    .setSubject('sup-1')
    .setIssuer(options.issuer ?? issuer.url)
    .setAudience(options.audience ?? issuer.audience)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '1h')
    .sign(privateKey);

describe('serveHttpApi with a JWT authorizer', () => {
  it('answers 401 {"message":"Unauthorized"} without a token, and runs nothing', async () => {
    const { invoked, send } = await aGateway();
    const response = await send('/escalations');
    expect(response).toMatchObject({ status: 401, body: { message: 'Unauthorized' } });
    expect(response.wwwAuthenticate).toContain('error="invalid_token"');
    expect(invoked).toEqual([]);
  });

  it.each(['Bearer ', ''])('passes the verified claims as API Gateway does, all strings, with the token after "%s"', async (prefix) => {
    const { invoked, send } = await aGateway();
    const token = await issuer.mintSupervisorToken(supervisor, { ttl: '1h' });
    const { status, body } = await send('/escalations', `${prefix}${token}`);
    expect(status).toBe(200);
    expect(body.jwt.scopes).toBeNull();
    expect(body.jwt.claims).toMatchObject({
      sub: 'sup-1',
      iss: issuer.url,
      aud: issuer.audience,
      token_use: 'id',
      'cognito:groups': '[supervisor lead]',
      'custom:team': 'network',
      email_verified: 'true',
      exp: expect.stringMatching(/^\d+$/),
    });
    expect(Object.values(body.jwt.claims).every((value) => typeof value === 'string')).toBe(true);
    expect(invoked).toEqual(['list']);
  });

  it.each([
    ['signed by another key', async () => signedBy((await generateKeyPair('RS256')).privateKey, {})],
    ['for another app client', async () => signedBy((await issuerKey()).privateKey, {}, { audience: 'other-client' })],
    ['of another issuer', async () => signedBy((await issuerKey()).privateKey, {}, { issuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other' })],
    ['expired', async () => mintSupervisorToken(await issuerKey(), issuer.url, supervisor, { ttl: '60s', now: new Date(Date.now() - 3_600_000) })],
    ['not a JWT', async () => 'not.a.jwt'],
  ])('answers 401 to a token %s', async (_name, token) => {
    const { invoked, send } = await aGateway();
    const value = await token();
    expect(await send('/escalations', `Bearer ${value}`)).toMatchObject({ status: 401, body: { message: 'Unauthorized' } });
    expect(invoked).toEqual([]);
  });

  it('answers 403 {"message":"Forbidden"} when the token has none of the scopes the route asks for', async () => {
    const { invoked, send } = await aGateway();
    const token = await issuer.mintSupervisorToken(supervisor, { ttl: '1h' });
    expect(await send('/reports', `Bearer ${token}`)).toMatchObject({ status: 403, body: { message: 'Forbidden' } });
    expect(invoked).toEqual([]);
  });
});

describe('claimAsString', () => {
  it.each([
    ['a string', 'network', 'network'],
    ['a number', 1767225600, '1767225600'],
    ['a boolean', true, 'true'],
    ['an array, bracketed and space-separated', ['supervisor', 'lead'], '[supervisor lead]'],
    ['an empty array', [], '[]'],
    ['an object, as JSON', { a: 1 }, '{"a":1}'],
  ])('writes %s as API Gateway passes it', (_name, value, expected) => {
    expect(claimAsString(value)).toBe(expected);
  });
});
