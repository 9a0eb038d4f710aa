import { readLinkToken, signLinkToken } from '../../links/core/signed-link-token.ts';
import { InvalidUnsubscribeTokenError } from './errors.ts';

// `u.` keeps unsubscribe tokens apart from survey (`s.`) and status (no prefix) tokens: the
// prefix is signed, so no token of one kind verifies as another under the same key ring.
const UNSUBSCRIBE_TOKEN_PREFIX = 'u.';

/**
 * How long an unsubscribe link outlives its survey: a customer may find an old invitation weeks
 * after the survey closed and still expects its unsubscribe link to work. The link-signing key
 * ring keeps retired keys at least this long past the survey's expiry (LinkSigningKey's
 * `longestLinkLifetimeDays` covers it).
 */
const UNSUBSCRIBE_LINK_GRACE_DAYS = 90;

/**
 * Signs the token of an invitation email's unsubscribe link. It names the invitation (whose
 * customer is unsubscribed) and expires {@link UNSUBSCRIBE_LINK_GRACE_DAYS} after the survey does.
 * Format: `u.<invitationId>.<expiry epoch seconds>.<HMAC-SHA256, base64url>`.
 *
 * @example
 * ```ts
 * const token = signUnsubscribeToken(invitation.invitationId, new Date(invitation.expiresAt), ring.current);
 * publicLink(baseUrl, `/u/${token}`);
 * ```
 */
export const signUnsubscribeToken = (invitationId: string, surveyExpiresAt: Date, signingKey: string): string =>
  signLinkToken(UNSUBSCRIBE_TOKEN_PREFIX, invitationId, new Date(surveyExpiresAt.getTime() + UNSUBSCRIBE_LINK_GRACE_DAYS * 86_400_000), signingKey);

/**
 * Returns the invitation id an unsubscribe token names, or throws {@link InvalidUnsubscribeTokenError}.
 *
 * @example
 * ```ts
 * verifyUnsubscribeToken(token, verificationKeysOf(ring), new Date()); // '5f0c…'
 * ```
 */
export const verifyUnsubscribeToken = (token: string | undefined, verificationKeys: string | readonly string[], now: Date): string => {
  const read = readLinkToken(UNSUBSCRIBE_TOKEN_PREFIX, token, verificationKeys, now);
  if ('failure' in read) throw new InvalidUnsubscribeTokenError(read.failure);
  return read.id;
};
