import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CryptoKey, importJWK, type JWK, SignJWT } from 'jose';
import { type SupervisorRole, supervisorRoles } from '../../functions/escalation/contracts/supervisor-claims.ts';
import { startLocalUserPool } from '../../local/auth/start-local-user-pool.ts';
import type { CfnTemplate } from '../../local/template/cloudformation-template.ts';

/** The key cognito-local signs with: it ships in the package, so a test can forge what the pool would issue. */
export const poolSigningKey = async (): Promise<{ kid: string; privateKey: CryptoKey }> => {
  const { jwk } = createRequire(import.meta.url)('cognito-local/lib/keys/cognitoLocal.private.json') as { jwk: JWK };
  return { kid: 'CognitoLocal', privateKey: (await importJWK(jwk, 'RS256')) as CryptoKey };
};

export interface TokenUser {
  readonly userId: string;
  readonly name?: string;
  readonly email: string;
  readonly groups: readonly SupervisorRole[];
  readonly team?: string;
}

/**
 * An ID token shaped as the pool issues one (a random UUID `sub`, `cognito:username`, groups, team),
 * signed with its key: for the tokens a test needs that no sign-in gives (a user in no group, one
 * expired an hour ago).
 *
 * @example
 * const token = await forgePoolToken(pipeline.authIssuerUrl, pipeline.userPool.clientId, user, { ttlSeconds: 60, now: anHourAgo });
 */
export async function forgePoolToken(issuer: string, audience: string, user: TokenUser, options: { ttlSeconds?: number; now?: Date } = {}): Promise<string> {
  const { kid, privateKey } = await poolSigningKey();
  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return new SignJWT({
    'cognito:username': user.userId,
    ...(user.groups.length > 0 ? { 'cognito:groups': [...user.groups] } : {}),
    ...(user.team === undefined ? {} : { 'custom:team': user.team }),
    email: user.email,
    email_verified: true,
    ...(user.name === undefined ? {} : { name: user.name }),
    token_use: 'id',
    auth_time: issuedAt,
  })
    .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
    .setSubject(randomUUID())
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + (options.ttlSeconds ?? 3600))
    .setJti(randomUUID())
    .sign(privateKey);
}

/**
 * An emulated user pool of its own (one pool, one app client) in a temporary folder, for tests of
 * what checks its tokens: its issuer, JWKS and client id.
 */
export async function startTestUserPool(options: { mailEndpoint?: string } = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), 'test-user-pool-'));
  const template: CfnTemplate = {
    Resources: {
      // As SupervisorSignIn's pool: the email and the custom team attribute.
      Pool: {
        Type: 'AWS::Cognito::UserPool',
        Properties: {
          Schema: [
            { Name: 'email', Required: true, Mutable: true },
            { Name: 'team', AttributeDataType: 'String', Mutable: true },
          ],
        },
      },
      Client: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { Ref: 'Pool' } } },
      ...Object.fromEntries(
        supervisorRoles.map((role) => [`${role}Group`, { Type: 'AWS::Cognito::UserPoolGroup', Properties: { GroupName: role, UserPoolId: { Ref: 'Pool' } } }]),
      ),
    },
  } as CfnTemplate;
  // Without a mail viewer, the port is a closed one: nothing may mail.
  const pool = await startLocalUserPool(template, dataDir, { mailEndpoint: options.mailEndpoint ?? 'http://127.0.0.1:9' });
  const { issuer, clients, poolId } = pool.pools[0]!;
  const audience = clients.get('Client')!;
  return {
    endpoint: pool.endpoint,
    poolId,
    url: issuer,
    jwksUrl: `${issuer}/.well-known/jwks.json`,
    audience,
    kid: 'CognitoLocal',
    mintSupervisorToken: (user: TokenUser, options: { ttlSeconds?: number; now?: Date } = {}) => forgePoolToken(issuer, audience, user, options),
    stop: async () => {
      await pool.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
