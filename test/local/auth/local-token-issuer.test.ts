import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scopeOf } from '../../../functions/escalation/core/supervisor-identity.ts';
import { AuthKeyFileError } from '../../../local/auth/auth-key-file.ts';
import { demoDirectory } from '../../../local/auth/demo-directory.ts';
import { type LocalTokenIssuer, startLocalTokenIssuer } from '../../../local/auth/local-token-issuer.ts';
import { localSubjectOf } from '../../../local/auth/mint-supervisor-token.ts';
import { identityThroughGateway } from '../../helpers/identity-through-gateway.ts';
import { shippedRules } from '../../helpers/shipped-escalation-settings.ts';
import { foreignHosts, sendWithHeaders } from '../../helpers/send-with-headers.ts';

let dataDir: string;
const running: LocalTokenIssuer[] = [];
const start = async (dir = dataDir) => {
  const issuer = await startLocalTokenIssuer(dir);
  running.push(issuer);
  return issuer;
};
const verifierOf = (issuer: LocalTokenIssuer) => ({ verify: (token: string | undefined) => identityThroughGateway(issuer, token) });

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'auth-'));
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((issuer) => issuer.stop()));
  await rm(dataDir, { recursive: true, force: true });
});

describe('the demo directory', () => {
  it.each(Object.keys(shippedRules.teams))('gives team %s two supervisors and a lead', (team) => {
    const members = demoDirectory.filter((user) => user.team === team);
    expect(members.filter((user) => user.groups.includes('supervisor'))).toHaveLength(2);
    expect(members.filter((user) => user.groups.includes('lead'))).toHaveLength(1);
  });

  it('has one admin and one head of support, and no userId twice', () => {
    expect(demoDirectory.filter((user) => user.title === 'Administrator')).toHaveLength(1);
    expect(demoDirectory.filter((user) => user.title === 'Head of support')).toHaveLength(1);
    expect(new Set(demoDirectory.map((user) => user.userId)).size).toBe(demoDirectory.length);
  });
});

describe('startLocalTokenIssuer', () => {
  it('mints a token for every demo user that the gateway accepts and the supervisor API reads as that user, with the user’s groups and team', async () => {
    const issuer = await start();
    const tokens = await issuer.mintDemoTokens({ ttl: '12h' });
    const verifier = verifierOf(issuer);

    for (const user of demoDirectory) {
      const identity = await verifier.verify(tokens[user.userId]);
      expect(identity).toEqual({ userId: user.userId, email: user.email, groups: user.groups, ...(user.team ? { team: user.team } : {}) });
      expect(scopeOf(identity)).toEqual(user.team ? { kind: 'team', team: user.team } : { kind: 'all' });
    }
  });

  it('serves an OpenID configuration that names itself as issuer and its JWKS', async () => {
    const issuer = await start();
    const configuration = (await (await fetch(`${issuer.url}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(configuration).toMatchObject({ issuer: issuer.url, jwks_uri: issuer.jwksUrl, id_token_signing_alg_values_supported: ['RS256'] });
    const jwks = (await (await fetch(issuer.jwksUrl)).json()) as { keys: { kid: string; d?: string }[] };
    expect(jwks.keys.map((key) => key.kid)).toEqual([issuer.kid]);
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('refuses a token minted by another issuer instance with its own key', async () => {
    const issuer = await start();
    const otherDir = await mkdtemp(join(tmpdir(), 'auth-other-'));
    try {
      const other = await start(otherDir);
      const forged = await other.mintSupervisorToken(demoDirectory[0]!, { ttl: '1h' });
      await expect(verifierOf(issuer).verify(forged)).rejects.toMatchObject({ statusCode: 401 });
    } finally {
      await rm(otherDir, { recursive: true, force: true });
    }
  });

  it('refuses a token for a user in no group with forbidden', async () => {
    const issuer = await start();
    const token = await issuer.mintSupervisorToken({ userId: 'nobody', name: 'No Body', email: 'nobody@example.com', groups: [] }, { ttl: '1h' });
    const identity = await verifierOf(issuer).verify(token);
    expect(() => scopeOf(identity)).toThrow(expect.objectContaining({ code: 'forbidden' }));
  });

  it('keeps its key in a file only its owner can read, and signs with the same kid after a restart', async () => {
    const first = await start();
    const token = await first.mintSupervisorToken(demoDirectory[0]!, { ttl: '1h' });
    await first.stop();
    running.splice(running.indexOf(first), 1);

    expect((await stat(join(dataDir, 'auth-keys.json'))).mode & 0o777).toBe(0o600);
    const second = await start();
    expect(second.kid).toBe(first.kid);
    // The old token verifies against the new instance's JWKS: only its issuer URL (port) differs.
    await expect(jwtVerify(token, createRemoteJWKSet(new URL(second.jwksUrl)), { issuer: first.url, audience: second.audience })).resolves.toMatchObject({
      payload: { 'cognito:username': demoDirectory[0]!.userId, sub: localSubjectOf(demoDirectory[0]!.userId) },
    });
  });

  it('narrows a key file left readable by everyone', async () => {
    await (await start()).stop();
    running.splice(0);
    const keyFile = join(dataDir, 'auth-keys.json');
    await writeFile(keyFile, await readFile(keyFile, 'utf8'), { mode: 0o644 });
    await chmod(keyFile, 0o644);

    await start();
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
  });

  it.each([
    ['is not JSON', () => '{"kid": ', 'is not valid JSON'],
    ['holds no private key', () => JSON.stringify({ kid: 'k', privateJwk: { kty: 'RSA', n: 'x', e: 'AQAB' } }), 'is not an RSA private key with its kid'],
    ['holds a key whose kid does not match', (text: string) => JSON.stringify({ ...JSON.parse(text), kid: 'another-kid' }), 'holds a damaged key'],
    [
      'holds private parts truncated',
      (text: string) => {
        const stored = JSON.parse(text) as { privateJwk: Record<string, string> };
        const cut = (name: string) => stored.privateJwk[name]!.slice(0, 20);
        return JSON.stringify({ ...stored, privateJwk: { ...stored.privateJwk, d: cut('d'), p: cut('p'), dp: cut('dp') } });
      },
      'holds a damaged key',
    ],
  ])('refuses, in one line and without replacing it, a key file that %s', async (_name, damage, reason) => {
    await (await start()).stop();
    running.splice(0);
    const keyFile = join(dataDir, 'auth-keys.json');
    const damaged = damage(await readFile(keyFile, 'utf8'));
    await writeFile(keyFile, damaged);

    const error = await startLocalTokenIssuer(dataDir).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AuthKeyFileError);
    expect((error as Error).message).toContain(reason);
    expect((error as Error).message).not.toContain('\n');
    expect(await readFile(keyFile, 'utf8')).toBe(damaged);
  });
});

describe('the local token issuer, asked with a forged Host', () => {
  it.each(foreignHosts)('answers 421 to a Host naming %s', async (_case, host) => {
    const issuer = await start();
    const port = Number(new URL(issuer.url).port);

    const answer = await sendWithHeaders(issuer.jwksUrl, { headers: { host: host(port) } });

    expect(answer.status).toBe(421);
    expect(JSON.parse(answer.text)).toMatchObject({ error: { code: 'misdirected_request' } });
  });

  it('serves its keys to Host localhost with its port', async () => {
    const issuer = await start();

    const answer = await sendWithHeaders(issuer.jwksUrl, { headers: { host: `localhost:${new URL(issuer.url).port}` } });

    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({ keys: [{ kid: issuer.kid }] });
  });
});
