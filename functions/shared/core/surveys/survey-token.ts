import { createHmac, timingSafeEqual } from 'node:crypto';
import { InvalidSurveyTokenError } from './invalid-survey-token-error.ts';

// The `s.` prefix is part of the signed text, while status tokens sign `<id>.<expiry>`: the two
// signed texts can never be equal, so no token of one kind verifies as the other, even under the
// same key ring.
const SURVEY_TOKEN_PREFIX = 's.';

const signatureOf = (payload: string, signingKey: string): string => createHmac('sha256', signingKey).update(payload).digest('base64url');

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
export const signSurveyToken = (invitationId: string, expiresAt: Date, signingKey: string): string => {
  const payload = `${SURVEY_TOKEN_PREFIX}${invitationId}.${Math.floor(expiresAt.getTime() / 1000)}`;
  return `${payload}.${signatureOf(payload, signingKey)}`;
};

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
  if (!token) throw new InvalidSurveyTokenError('missing');
  const match = /^s\.([0-9a-f-]{36})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) throw new InvalidSurveyTokenError('malformed');
  const [, invitationId, expirySeconds, signature] = match as unknown as [string, string, string, string];
  const presented = Buffer.from(signature);
  const payload = `${SURVEY_TOKEN_PREFIX}${invitationId}.${expirySeconds}`;
  const signedByOneOf = [verificationKeys].flat().some((key) => timingSafeEqual(Buffer.from(signatureOf(payload, key)), presented));
  if (!signedByOneOf) throw new InvalidSurveyTokenError('bad_signature');
  if (Number(expirySeconds) * 1000 <= now.getTime()) throw new InvalidSurveyTokenError('expired');
  return invitationId;
};
