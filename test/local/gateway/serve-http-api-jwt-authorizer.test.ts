import { type CryptoKey, generateKeyPair, SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HttpApiJwtAuthorizer } from '../../../local/gateway/http-api-authorizers.ts';
import type { HttpApiRoute } from '../../../local/gateway/http-api-routes.ts';
import { claimAsString } from '../../../local/gateway/jwt-authorizer.ts';
import { type LocalHttpApi, serveHttpApi } from '../../../local/gateway/serve-http-api.ts';
import { poolSigningKey, startTestUserPool } from '../../helpers/test-user-pool.ts';

let issuer: Awaited<ReturnType<typeof startTestUserPool>>;
let api: LocalHttpApi | undefined;
beforeAll(async () => {
  issuer = await startTestUserPool();
});
afterAll(async () => {
  await issuer.stop();
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

const issuerKey = poolSigningKey;

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
    const token = await issuer.mintSupervisorToken(supervisor);
    const { status, body } = await send('/escalations', `${prefix}${token}`);
    expect(status).toBe(200);
    expect(body.jwt.scopes).toBeNull();
    expect(body.jwt.claims).toMatchObject({
      sub: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      'cognito:username': 'sup-1',
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
    ['expired', async () => issuer.mintSupervisorToken(supervisor, { ttlSeconds: 60, now: new Date(Date.now() - 3_600_000) })],
    ['not a JWT', async () => 'not.a.jwt'],
  ])('answers 401 to a token %s', async (_name, token) => {
    const { invoked, send } = await aGateway();
    const value = await token();
    expect(await send('/escalations', `Bearer ${value}`)).toMatchObject({ status: 401, body: { message: 'Unauthorized' } });
    expect(invoked).toEqual([]);
  });

  // The claims API Gateway's JWT authorizer evaluates, one by one ("Control access to HTTP APIs
  // with JWT authorizers", step 4): kid, iss, aud or client_id, exp, nbf, iat, scope or scp.
  describe('checks each claim as API Gateway does', () => {
    const nowSeconds = () => Math.floor(Date.now() / 1000);
    /** A token of the local issuer for the supervisor route, with `change` applied to its header and claims. */
    const tokenWith = async (change: { header?: Record<string, unknown>; claims?: Record<string, unknown>; without?: string[] } = {}) => {
      const now = nowSeconds();
      const claims: Record<string, unknown> = {
        token_use: 'id',
        sub: 'sup-1',
        iss: issuer.url,
        aud: issuer.audience,
        iat: now,
        exp: now + 3600,
        ...change.claims,
      };
      // The table is written before the pool starts: THIS_CLIENT stands for its client id.
      for (const [claim, value] of Object.entries(claims)) if (value === 'THIS_CLIENT') claims[claim] = issuer.audience;
      const header: Record<string, unknown> = { alg: 'RS256', kid: issuer.kid, ...change.header };
      for (const name of change.without ?? []) {
        delete claims[name];
        delete header[name];
      }
      return new SignJWT(claims).setProtectedHeader(header as { alg: string }).sign((await issuerKey()).privateKey);
    };

    it.each<[string, number, Parameters<typeof tokenWith>[0]]>([
      ['a token as Cognito issues it (no nbf)', 200, {}],
      ['a token without kid, though the issuer has one key', 401, { without: ['kid'] }],
      ['a kid the issuer has no key for', 401, { header: { kid: 'retired-key' } }],
      ['a token without iss', 401, { without: ['iss'] }],
      ['a token without aud or client_id', 401, { without: ['aud'] }],
      ["client_id of the authorizer's audience and no aud (an access token)", 200, { without: ['aud'], claims: { client_id: 'THIS_CLIENT' } }],
      ['aud of another client beside a client_id of this one (aud is the one read)', 401, { claims: { aud: 'other-client', client_id: 'THIS_CLIENT' } }],
      ['a token without exp', 401, { without: ['exp'] }],
      ['exp that is not a number', 401, { claims: { exp: 'tomorrow' } }],
      ['exp a minute ago', 401, { claims: { exp: nowSeconds() - 60 } }],
      ['nbf an hour ahead', 401, { claims: { nbf: nowSeconds() + 3600 } }],
      ['nbf a minute ago', 200, { claims: { nbf: nowSeconds() - 60 } }],
      ['a token without iat', 401, { without: ['iat'] }],
      ['iat an hour ahead', 401, { claims: { iat: nowSeconds() + 3600 } }],
    ])('answers %s with %i', async (_name, status, change) => {
      const { invoked, send } = await aGateway();
      const response = await send('/escalations', `Bearer ${await tokenWith(change)}`);
      expect(response.status).toBe(status);
      expect(invoked).toEqual(status === 200 ? ['list'] : []);
      if (status === 401) expect(response.body).toEqual({ message: 'Unauthorized' });
    });

    it('refuses a token signed with anything but RSA (HS256 with the public key as the secret)', async () => {
      const { send } = await aGateway();
      const now = nowSeconds();
      const jwk = (await fetch(issuer.jwksUrl).then((response) => response.json())) as { keys: unknown[] };
      const secret = new TextEncoder().encode(JSON.stringify(jwk.keys[0]));
      const token = await new SignJWT({ token_use: 'id', sub: 'sup-1', iss: issuer.url, aud: issuer.audience, iat: now, exp: now + 3600 })
        .setProtectedHeader({ alg: 'HS256', kid: issuer.kid })
        .sign(secret);
      expect((await send('/escalations', `Bearer ${token}`)).status).toBe(401);
    });

    it.each([
      ['scope', { scope: 'openid reports/read' }, 200],
      ['scp', { scp: 'reports/read' }, 200],
      ['scope', { scope: 'openid' }, 403],
    ])('reads the route scopes from %s: %j answers %i', async (_claim, claims, status) => {
      const { send } = await aGateway();
      expect((await send('/reports', `Bearer ${await tokenWith({ claims })}`)).status).toBe(status);
    });
  });

  it('answers 403 {"message":"Forbidden"} when the token has none of the scopes the route asks for', async () => {
    const { invoked, send } = await aGateway();
    const token = await issuer.mintSupervisorToken(supervisor);
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
