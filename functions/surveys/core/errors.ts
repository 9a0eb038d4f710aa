import { CodedError } from '../../platform/coded-error.ts';
import { InvalidLinkTokenError, type LinkTokenFailure } from '../../links/core/errors.ts';

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

/** An unsubscribe link token that grants nothing; the page says so in the customer's language. */
export class InvalidUnsubscribeTokenError extends InvalidLinkTokenError {
  override readonly name = 'InvalidUnsubscribeTokenError';

  constructor(reason: LinkTokenFailure, options?: ErrorOptions) {
    super(reason, { expired: 'This unsubscribe link has expired.', invalid: 'This unsubscribe link is not valid; use the link from your email.' }, options);
  }
}

/**
 * SES refused this one message for good (`message_rejected`: SES's MessageRejected, e.g. a virus
 * scan; `invalid_message`: a BadRequest such as a malformed address). Retrying sends nothing, so
 * the mailer records the refusal instead. Throttling, paused sending and outages are not this
 * error: they are retried.
 */
export class SurveyEmailRefusedError extends CodedError<'message_rejected' | 'invalid_message'> {
  override readonly name = 'SurveyEmailRefusedError';
}
