import { InvalidStatusTokenError } from './errors.ts';
import { readLinkToken, signLinkToken } from '../../links/core/signed-link-token.ts';

const DAY_MS = 86_400_000;

/**
 * When a status token issued at `now` expires: `ttlDays` after the start of that UTC day.
 * Rounding to the day makes a client's retry with the same Idempotency-Key on the same day get a
 * byte-identical answer.
 */
export const statusTokenExpiry = (now: Date, ttlDays: number): Date => new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS + ttlDays * DAY_MS);

/**
 * Signs a token that lets its holder read the status of one complaint until `expiresAt`.
 * Format: `<complaintId>.<expiry epoch seconds>.<HMAC-SHA256, base64url>`.
 *
 * @example
 * ```ts
 * const token = signStatusToken('0b9f…', new Date('2027-05-01'), key);
 * verifyStatusToken(token, key, new Date()); // '0b9f…'
 * ```
 */
export const signStatusToken = (complaintId: string, expiresAt: Date, signingKey: string): string => signLinkToken('', complaintId, expiresAt, signingKey);

/**
 * Returns the complaint id a token grants, or throws {@link InvalidStatusTokenError}. The token
 * verifies if any of `verificationKeys` signed it, so after a rotation links signed with the
 * retired key stay valid until they expire, and links signed with the new key verify in
 * environments that loaded the ring earlier (they hold it as `next`). Tokens carry no key id, so
 * every link issued before rotation existed still verifies.
 *
 * @example
 * ```ts
 * verifyStatusToken(token, verificationKeysOf(ring), new Date()); // '0b9f…'
 * ```
 */
export const verifyStatusToken = (token: string | undefined, verificationKeys: string | readonly string[], now: Date): string => {
  const read = readLinkToken('', token, verificationKeys, now);
  if ('failure' in read) throw new InvalidStatusTokenError(read.failure);
  return read.id;
};
