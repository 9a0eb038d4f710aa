/**
 * A survey link token that grants nothing: missing, malformed, tampered with, of another kind
 * (a status token), or expired. The HTTP layer shows the localized invalid-link or closed page.
 *
 * @example
 * ```ts
 * throw new InvalidSurveyTokenError('expired'); // code 'token_expired'
 * ```
 */
export class InvalidSurveyTokenError extends Error {
  override readonly name = 'InvalidSurveyTokenError';
  readonly code: 'invalid_token' | 'token_expired';

  constructor(
    readonly reason: 'missing' | 'malformed' | 'bad_signature' | 'expired',
    options?: ErrorOptions,
  ) {
    super(reason === 'expired' ? 'This survey has closed.' : 'This survey link is not valid; use the link from your invitation email.', options);
    this.code = reason === 'expired' ? 'token_expired' : 'invalid_token';
  }
}
