import { InvalidLinkTokenError, type LinkTokenFailure } from '../../links/core/signed-link-token.ts';

/**
 * A survey link token that grants nothing: missing, malformed, tampered with, of another kind
 * (a status token), or expired. The HTTP layer shows the localized invalid-link or closed page.
 *
 * @example
 * ```ts
 * throw new InvalidSurveyTokenError('expired'); // code 'token_expired'
 * ```
 */
export class InvalidSurveyTokenError extends InvalidLinkTokenError {
  override readonly name = 'InvalidSurveyTokenError';

  constructor(reason: LinkTokenFailure, options?: ErrorOptions) {
    super(reason, { expired: 'This survey has closed.', invalid: 'This survey link is not valid; use the link from your invitation email.' }, options);
  }
}
