/**
 * An error with a stable, machine-readable `code` (for tests, logs and the HTTP mapping) and the
 * standard `cause`. Each concern declares its own subclass with its own closed set of codes.
 *
 * @example
 * ```ts
 * class QuotaError extends CodedError<'over_quota'> {
 *   override readonly name = 'QuotaError';
 * }
 * throw new QuotaError('over_quota', 'The campaign is over its sending quota.');
 * ```
 */
export class CodedError<Code extends string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
