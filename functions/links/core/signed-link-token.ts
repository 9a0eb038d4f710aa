import { createHmac, timingSafeEqual } from 'node:crypto';
import type { LinkTokenFailure } from './errors.ts';

const signatureOf = (payload: string, signingKey: string): string => createHmac('sha256', signingKey).update(payload).digest('base64url');

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Signs `<prefix><id>.<expiry epoch seconds>` with HMAC-SHA256 and appends the signature
 * (base64url). The prefix is signed too, so tokens of two kinds (status links have none, survey
 * links `s.`) can never verify as each other, even under the same key ring.
 *
 * @example
 * ```ts
 * signLinkToken('s.', invitationId, expiresAt, ring.current); // 's.5f0c….1798761600.Qm9…'
 * ```
 */
export const signLinkToken = (prefix: string, id: string, expiresAt: Date, signingKey: string): string => {
  const payload = `${prefix}${id}.${Math.floor(expiresAt.getTime() / 1000)}`;
  return `${payload}.${signatureOf(payload, signingKey)}`;
};

/**
 * Reads a token made by {@link signLinkToken}: the id it names, or why it grants nothing. It
 * verifies if any of `verificationKeys` signed it (compared in constant time), so a rotation
 * never breaks a link before it expires.
 *
 * @example
 * ```ts
 * const read = readLinkToken('s.', token, verificationKeysOf(ring), new Date());
 * if ('failure' in read) throw new InvalidSurveyTokenError(read.failure);
 * ```
 */
export const readLinkToken = (
  prefix: string,
  token: string | undefined,
  verificationKeys: string | readonly string[],
  now: Date,
): { readonly id: string } | { readonly failure: LinkTokenFailure } => {
  if (!token) return { failure: 'missing' };
  const match = new RegExp(`^${escapeRegExp(prefix)}([0-9a-f-]{36})\\.(\\d{1,12})\\.([A-Za-z0-9_-]{43})$`).exec(token);
  if (!match) return { failure: 'malformed' };
  const [, id, expirySeconds, signature] = match as unknown as [string, string, string, string];
  const presented = Buffer.from(signature);
  const payload = `${prefix}${id}.${expirySeconds}`;
  const signedByOneOf = [verificationKeys].flat().some((key) => timingSafeEqual(Buffer.from(signatureOf(payload, key)), presented));
  if (!signedByOneOf) return { failure: 'bad_signature' };
  if (Number(expirySeconds) * 1000 <= now.getTime()) return { failure: 'expired' };
  return { id };
};
