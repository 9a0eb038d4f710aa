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

/** What a {@link CodedError} may add: its kind, and fields the caller may see beside code and message. */
export interface CodedErrorOptions extends ErrorOptions {
  /** Absent: a failure on our side, never shown beyond a generic message. */
  readonly kind?: ProblemKind | undefined;
  /** Safe to show the caller (a conflict's `holder`); never personal data of anyone else. */
  readonly shown?: Readonly<Record<string, string>> | undefined;
}

/**
 * An error with a stable, machine-readable `code` (for tests, logs and the HTTP mapping) and the
 * standard `cause`. Each feature declares its own subclasses with their closed sets of codes, and
 * gives a refusal its {@link ProblemKind}.
 *
 * @example
 * ```ts
 * class QuotaError extends CodedError<'over_quota'> {
 *   override readonly name = 'QuotaError';
 * }
 * throw new QuotaError('over_quota', 'The campaign is over its sending quota.', { kind: 'conflict' });
 * ```
 */
export class CodedError<Code extends string> extends Error {
  readonly kind: ProblemKind | undefined;
  readonly shown: Readonly<Record<string, string>> | undefined;

  constructor(
    readonly code: Code,
    message: string,
    options?: CodedErrorOptions,
  ) {
    super(message, options);
    this.kind = options?.kind;
    this.shown = options?.shown;
  }
}
