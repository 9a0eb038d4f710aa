import { readLinkToken, signLinkToken } from '../../links/core/signed-link-token.ts';
import { InvalidSurveyTokenError } from './errors.ts';

// The `s.` prefix is part of the signed text, while status tokens sign `<id>.<expiry>`: the two
// signed texts can never be equal, so no token of one kind verifies as the other, even under the
// same key ring.
const SURVEY_TOKEN_PREFIX = 's.';

/**
 * Signs a survey link token that names one invitation until `expiresAt` (the invitation's expiry).
 * Format: `s.<invitationId>.<expiry epoch seconds>.<HMAC-SHA256 of "s.<id>.<expiry>", base64url>`,
 * signed with the current key of the link-signing ring.
 *
 * @example
 * ```ts
 * const token = signSurveyToken(invitation.invitationId, new Date(invitation.expiresAt), ring.current);
 * publicLink(baseUrl, `/s/${token}`);
 * ```
 */
export const signSurveyToken = (invitationId: string, expiresAt: Date, signingKey: string): string =>
  signLinkToken(SURVEY_TOKEN_PREFIX, invitationId, expiresAt, signingKey);

/**
 * Returns the invitation id a survey token names, or throws {@link InvalidSurveyTokenError}. Any
 * key of the ring may have signed it (`verificationKeysOf(ring)`), so rotation never breaks a
 * link that has not expired.
 *
 * @example
 * ```ts
 * verifySurveyToken(token, verificationKeysOf(ring), new Date()); // '5f0c…'
 * ```
 */
export const verifySurveyToken = (token: string | undefined, verificationKeys: string | readonly string[], now: Date): string => {
  const read = readLinkToken(SURVEY_TOKEN_PREFIX, token, verificationKeys, now);
  if ('failure' in read) throw new InvalidSurveyTokenError(read.failure);
  return read.id;
};
