import { createHash, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { AuthSigningKey } from './auth-key-file.ts';
import type { DemoUser } from './demo-directory.ts';

/** The app client id local tokens are issued to, as a Cognito app client id is on AWS. */
export const localTokenAudience = 'local-supervisor-console';

/**
 * The `sub` the local pool gives `userId`: a UUID, as Cognito draws one, so local mode meets the
 * same seam as AWS (the API must key users by their user name, not by `sub`); derived from the
 * user name (RFC 9562 UUIDv8 over SHA-256), so a user keeps it from one start to the next.
 *
 * @example
 * localSubjectOf('sup-general-ana'); // '5b1e…-…' (the same on every call)
 *
 * @internal exported for its tests only
 */
export function localSubjectOf(userId: string): string {
  const hex = createHash('sha256').update(`local-user-pool/${userId}`).digest('hex');
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A token lifetime that is not a whole number of s, m, h or d, or is longer than 30 days. */
export class TokenLifetimeError extends Error {
  override readonly name = 'TokenLifetimeError';
  readonly code = 'invalid_ttl';
  constructor(ttl: string) {
    super(`"${ttl}" is not a token lifetime; write it like 90s, 30m, 12h or 2d (at most 30d).`);
  }
}

const unitSeconds: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

function lifetimeSeconds(ttl: string): number {
  const [, amount, unit] = /^\s*(\d{1,7})\s*([smhd])\s*$/i.exec(ttl) ?? [];
  const seconds = Number(amount) * (unitSeconds[unit?.toLowerCase() ?? ''] ?? Number.NaN);
  if (!(seconds >= 1 && seconds <= 30 * 86_400)) throw new TokenLifetimeError(ttl);
  return seconds;
}

/**
 * A Cognito-shaped ID token for `user` (`sub` a UUID, `cognito:username` the user id, `cognito:groups`,
 * `custom:team`, `email`, `token_use: 'id'`, `aud` = {@link localTokenAudience}), signed RS256
 * with the local issuer's key, valid for `ttl` (`90s`, `30m`, `12h`, `2d`; at most 30 days).
 *
 * @example
 * const token = await mintSupervisorToken(key, 'http://127.0.0.1:40123', demoDirectory[0], { ttl: '8h' });
 */
export async function mintSupervisorToken(
  key: AuthSigningKey,
  issuer: string,
  user: Pick<DemoUser, 'userId' | 'name' | 'email' | 'groups' | 'team'>,
  options: { ttl: string; now?: Date },
): Promise<string> {
  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const expiresAt = issuedAt + lifetimeSeconds(options.ttl);
  return new SignJWT({
    'cognito:username': user.userId,
    // Cognito leaves the claim out for a user in no group.
    ...(user.groups.length > 0 ? { 'cognito:groups': [...user.groups] } : {}),
    ...(user.team === undefined ? {} : { 'custom:team': user.team }),
    email: user.email,
    email_verified: true,
    name: user.name,
    token_use: 'id',
    auth_time: issuedAt,
  })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
    .setSubject(localSubjectOf(user.userId))
    .setIssuer(issuer)
    .setAudience(localTokenAudience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .setJti(randomUUID())
    .sign(key.privateKey);
}
