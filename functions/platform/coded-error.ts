/**
 * How a caller should take a refusal, whatever carries it. The core says which kind a refusal is;
 * only the HTTP layer turns a kind into a status (`platform/http/json-error-response.ts`), so the
 * core never names one.
 *
 * - `invalid_request`: the request itself is wrong (400)
 * - `unauthenticated`: no usable bearer token (401 with a Bearer challenge)
 * - `invalid_link`: a link's own token grants nothing (401)
 * - `expired_link`: a link's token has expired (410)
 * - `forbidden`: a valid identity that may not do this (403 with a Bearer challenge)
 * - `not_found`: nothing has this id (404)
 * - `conflict`: the item's state refuses it (409, with the error's `shown` fields)
 * - `unavailable`: a dependency failed; retrying may help (503)
 */
export type ProblemKind = 'invalid_request' | 'unauthenticated' | 'invalid_link' | 'expired_link' | 'forbidden' | 'not_found' | 'conflict' | 'unavailable';

/**
 * An error with a stable, machine-readable `code` (for tests, logs and the HTTP mapping) and the
 * standard `cause`. Each feature declares its own subclasses with their closed sets of codes, and
 * a refusal declares its {@link ProblemKind} as a field (set once per class, not per throw, so a
 * bundle carries no per-call options).
 *
 * @example
 * ```ts
 * class QuotaError extends CodedError<'over_quota'> {
 *   override readonly name = 'QuotaError';
 *   override readonly kind = 'conflict';
 * }
 * throw new QuotaError('over_quota', 'The campaign is over its sending quota.');
 * ```
 */
export class CodedError<Code extends string> extends Error {
  /** Absent: a failure on our side, never shown beyond a generic message. */
  declare readonly kind?: ProblemKind;
  /** Safe to show the caller (a conflict's `holder`); never personal data of anyone else. */
  declare readonly shown?: Readonly<Record<string, string>>;

  constructor(
    readonly code: Code,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
