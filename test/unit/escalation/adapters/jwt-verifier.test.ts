import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { exportJWK, exportSPKI, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJwtVerifier, jwtVerifierSettings } from '../../../../functions/escalation/adapters/jwt-verifier.ts';
import { scopeOf } from '../../../../functions/escalation/core/supervisor-identity.ts';
import { jsonErrorResponse } from '../../../../functions/platform/http/json-error-response.ts';
import { captureOutput } from '../../../helpers/capture-output.ts';
import { httpEvent, lambdaContext } from '../../../helpers/events.ts';

const issuer = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_test';
const audience = 'console-client';
const kid = 'key-1';
// Every token is checked against this instant, so no test depends on the wall clock.
const now = new Date('2026-06-01T12:00:00Z');
const epoch = (offsetSeconds: number) => Math.floor(now.getTime() / 1000) + offsetSeconds;

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;
let keys: KeyPair;
let otherKeys: KeyPair;
let server: Server;
let jwksUrl: string;
let jwksRequests = 0;

beforeAll(async () => {
  keys = await generateKeyPair('RS256', { extractable: true });
  otherKeys = await generateKeyPair('RS256');
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(keys.publicKey)), kid, alg: 'RS256', use: 'sig' }] });
  server = createServer((_request, response) => {
    jwksRequests += 1;
    response.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const supervisorClaims: JWTPayload = {
  token_use: 'id',
  'cognito:groups': ['supervisor'],
  'custom:team': 'network',
  email: 'ada@example.com',
};

interface TokenOptions {
  claims?: JWTPayload;
  iss?: string;
  aud?: string | undefined;
  iat?: number;
  exp?: number;
  nbf?: number;
  signWith?: KeyPair['privateKey'];
  kid?: string;
}

const token = (options: TokenOptions = {}) => {
  const jwt = new SignJWT({ ...supervisorClaims, ...options.claims })
    .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? kid, typ: 'JWT' })
    .setSubject('ada')
    .setIssuer(options.iss ?? issuer)
    .setIssuedAt(options.iat ?? epoch(-60))
    .setExpirationTime(options.exp ?? epoch(3600));
  if (!('aud' in options) || options.aud !== undefined) jwt.setAudience(options.aud ?? audience);
  if (options.nbf !== undefined) jwt.setNotBefore(options.nbf);
  return jwt.sign(options.signWith ?? keys.privateKey);
};

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const verifier = () => createJwtVerifier({ issuer, audience, jwksUrl, now: () => now });
const reject = (value: Promise<unknown>) =>
  value.then(
    () => {
      throw new Error('expected the token to be refused');
    },
    (error: unknown) => error,
  );

describe('createJwtVerifier', () => {
  it('answers the identity of a valid ID token', async () => {
    await expect(verifier().verify(await token())).resolves.toEqual({
      userId: 'ada',
      email: 'ada@example.com',
      groups: ['supervisor'],
      team: 'network',
    });
  });

  it('reads the token from a Bearer Authorization header', async () => {
    await expect(verifier().verifyAuthorization(`Bearer ${await token()}`)).resolves.toMatchObject({ userId: 'ada' });
  });

  it('accepts an access token whose client_id is the app client and which has no aud', async () => {
    const access = await token({ aud: undefined, claims: { token_use: 'access', client_id: audience, 'cognito:groups': ['admin'] } });
    await expect(verifier().verify(access)).resolves.toMatchObject({ userId: 'ada', groups: ['admin'] });
  });

  it('accepts a token expired within the clock tolerance', async () => {
    await expect(verifier().verify(await token({ exp: epoch(-5) }))).resolves.toMatchObject({ userId: 'ada' });
  });

  it.each<[string, () => Promise<string | undefined>, string]>([
    ['no token', async () => undefined, 'missing'],
    ['an empty token', async () => '  ', 'missing'],
    ['a token that is not a JWT', async () => 'not-a-jwt', 'malformed'],
    ['an expired token', () => token({ exp: epoch(-60) }), 'expired'],
    ['a token not yet valid', () => token({ nbf: epoch(600) }), 'not_yet_valid'],
    ['a token from another issuer', () => token({ iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_other' }), 'wrong_issuer'],
    ['an ID token for another app client', () => token({ aud: 'another-client' }), 'wrong_audience'],
    ['an ID token without aud', () => token({ aud: undefined }), 'wrong_audience'],
    ['an access token for another app client', () => token({ aud: undefined, claims: { token_use: 'access', client_id: 'another-client' } }), 'wrong_audience'],
    ['an access token that names the client only in aud', () => token({ claims: { token_use: 'access' } }), 'wrong_audience'],
    ['a token of no known use', () => token({ claims: { token_use: 'refresh' } }), 'wrong_token_use'],
    [
      'a payload tampered with after signing',
      async () => {
        const [header, , signature] = (await token()).split('.');
        return `${header}.${b64({ ...supervisorClaims, sub: 'ada', iss: issuer, aud: audience, exp: epoch(3600), 'cognito:groups': ['admin'] })}.${signature}`;
      },
      'bad_signature',
    ],
    ['a token signed by a key the issuer does not publish', () => token({ signWith: otherKeys.privateKey, kid: 'unknown-key' }), 'unknown_key'],
    ['a token signed by another key under the published kid', () => token({ signWith: otherKeys.privateKey }), 'bad_signature'],
    [
      'a token with alg none',
      async () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...supervisorClaims, sub: 'ada', iss: issuer, aud: audience, exp: epoch(3600) })}.`,
      'algorithm_refused',
    ],
    [
      'an HS256 token keyed with the public key (algorithm confusion)',
      async () =>
        new SignJWT({ ...supervisorClaims, 'cognito:groups': ['admin'] })
          .setProtectedHeader({ alg: 'HS256', kid })
          .setSubject('mallory')
          .setIssuer(issuer)
          .setAudience(audience)
          .setExpirationTime(epoch(3600))
          .sign(new TextEncoder().encode(await exportSPKI(keys.publicKey))),
      'algorithm_refused',
    ],
  ])('refuses %s as an invalid token', async (_name, makeToken, reason) => {
    const error = await reject(verifier().verify(await makeToken()));
    expect(error).toMatchObject({ name: 'SupervisorAccessError', code: 'invalid_token', reason });
  });

  it('answers 401 for an invalid token and 403 for a valid token in no group', async () => {
    captureOutput();
    const route = (authorization: string) =>
      middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>(async () => {
        scopeOf(await verifier().verifyAuthorization(authorization));
        return { statusCode: 200, body: '{}' };
      }).use(jsonErrorResponse({ logger: new Logger() }))(httpEvent(), lambdaContext());
    const inNoGroup = await token({ claims: { 'cognito:groups': undefined } });
    await expect(route(`Bearer ${await token()}`)).resolves.toMatchObject({ statusCode: 200 });
    await expect(route(`Bearer ${await token({ exp: epoch(-3600) })}`)).resolves.toMatchObject({ statusCode: 401 });
    await expect(route(`Bearer ${inNoGroup}`)).resolves.toMatchObject({ statusCode: 403 });
  });

  it('fetches the key set once for every verifier of the same JWKS URL, as a warm function does', async () => {
    const url = `${jwksUrl}?cache-test`;
    const before = jwksRequests;
    for (const _ of [1, 2, 3]) await createJwtVerifier({ issuer, audience, jwksUrl: url, now: () => now }).verify(await token());
    expect(jwksRequests - before).toBe(1);
  });

  it('reports an unreachable key set as the issuer being unavailable, not the token being bad', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/jwks.json`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await reject(createJwtVerifier({ issuer, audience, jwksUrl: deadUrl, now: () => now }).verify(await token()));
    expect(error).toMatchObject({ code: 'issuer_unavailable' });
  });
});

describe('jwtVerifierSettings', () => {
  it('reads JWT_ISSUER, JWT_AUDIENCE and JWT_JWKS_URL', () => {
    expect(jwtVerifierSettings({ JWT_ISSUER: issuer, JWT_AUDIENCE: audience, JWT_JWKS_URL: 'http://127.0.0.1:1/jwks.json' })).toEqual({
      issuer,
      audience,
      jwksUrl: 'http://127.0.0.1:1/jwks.json',
    });
  });

  it("defaults the JWKS URL to the issuer's well-known path, where Cognito serves it", () => {
    expect(jwtVerifierSettings({ JWT_ISSUER: `${issuer}/`, JWT_AUDIENCE: audience }).jwksUrl).toBe(`${issuer}/.well-known/jwks.json`);
  });

  it.each(['JWT_ISSUER', 'JWT_AUDIENCE'])('fails the cold start naming %s when it is missing', (name) => {
    const env: Record<string, string> = { JWT_ISSUER: issuer, JWT_AUDIENCE: audience };
    delete env[name];
    expect(() => jwtVerifierSettings(env)).toThrow(name);
  });
});
