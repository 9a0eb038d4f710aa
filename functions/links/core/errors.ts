import { CodedError, type ProblemKind } from '../../platform/coded-error.ts';

/** Why a link token grants nothing; each kind of link maps it to its own error. */
export type LinkTokenFailure = 'missing' | 'malformed' | 'bad_signature' | 'expired';

/**
 * A link token that grants nothing. `code` is `token_expired` for an expired one and
 * `invalid_token` otherwise; each kind of link (status, survey) subclasses it with its own words
 * for the person holding the link, and the HTTP layer maps the two codes once for all kinds.
 *
 * @example
 * ```ts
 * throw new InvalidLinkTokenError('expired', { expired: 'This link has expired.', invalid: 'This link is not valid.' });
 * ```
 */
export class InvalidLinkTokenError extends CodedError<'invalid_token' | 'token_expired'> {
  override readonly kind: ProblemKind;

  constructor(
    readonly reason: LinkTokenFailure,
    messages: { readonly expired: string; readonly invalid: string },
    options?: ErrorOptions,
  ) {
    super(reason === 'expired' ? 'token_expired' : 'invalid_token', reason === 'expired' ? messages.expired : messages.invalid, options);
    this.kind = reason === 'expired' ? 'expired_link' : 'invalid_link';
  }
}

/** Why a configured public base URL was refused; `code` is stable for tests and logs. */
export class InvalidPublicBaseUrlError extends CodedError<'not_a_url' | 'not_http' | 'has_credentials' | 'has_query_or_fragment'> {
  override readonly name = 'InvalidPublicBaseUrlError';

  constructor(code: InvalidPublicBaseUrlError['code'], value: string, options?: ErrorOptions) {
    super(
      code,
      `The public base URL "${value.slice(0, 200)}" is refused (${code}): give an absolute http(s) URL, optionally with a base path, and no credentials, query or fragment.`,
      options,
    );
  }
}

/**
 * The link-signing secret cannot be used, or a rotation would break links. Messages and causes
 * never carry key material (a JSON.parse error would quote the text, so it is not kept).
 *
 * @example
 * ```ts
 * throw new SigningKeyRingError('malformed', 'The link-signing secret is neither a key nor a key ring.');
 * ```
 */
export class SigningKeyRingError extends CodedError<'empty' | 'too_short' | 'malformed' | 'unsafe_rotation'> {
  override readonly name = 'SigningKeyRingError';
}

/**
 * Secrets Manager asked for a rotation step this function must refuse (following AWS's rotation
 * function template). Throwing fails the step; Secrets Manager retries the rotation and leaves
 * AWSCURRENT where it was, so links keep verifying.
 *
 * @example
 * ```ts
 * throw new SigningKeyRotationError('not_pending', `Version ${token} is not AWSPENDING.`);
 * ```
 */
export class SigningKeyRotationError extends CodedError<'rotation_disabled' | 'unknown_version' | 'not_pending' | 'unknown_step'> {
  override readonly name = 'SigningKeyRotationError';
}
