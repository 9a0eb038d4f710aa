import { CodedError } from '../../platform/coded-error.ts';
import { InvalidLinkTokenError, type LinkTokenFailure } from '../../links/core/errors.ts';

/**
 * A status token that grants nothing: missing, malformed, tampered with or expired. The core
 * knows no HTTP; the HTTP layer maps `code` to a status in one place (`json-error-response.ts`).
 *
 * @example
 * ```ts
 * throw new InvalidStatusTokenError('expired'); // code 'token_expired'
 * ```
 */
export class InvalidStatusTokenError extends InvalidLinkTokenError {
  override readonly name = 'InvalidStatusTokenError';

  constructor(reason: LinkTokenFailure, options?: ErrorOptions) {
    super(reason, { expired: 'This status link has expired.', invalid: 'This status link is not valid; use the link from your acknowledgement.' }, options);
  }
}

/**
 * An item read back from the table does not have the shape this code wrote: a bug or a manual
 * edit, never the caller's fault. It names the failing attributes, never their values.
 *
 * @example
 * ```ts
 * throw new StoredItemInvalidError('complaint', ['category']);
 * ```
 */
export class StoredItemInvalidError extends CodedError<'stored_item_invalid'> {
  override readonly name = 'StoredItemInvalidError';

  constructor(
    readonly itemType: string,
    readonly paths: readonly string[],
  ) {
    // No kind: a failure on our side, which the caller sees only as an internal error.
    super('stored_item_invalid', `Stored ${itemType} item is invalid at ${paths.join(', ') || '(item)'}`);
  }
}

/** A complaint that kept losing the race for the round-robin item or the complainant's log: the queue retries it. */
export class ComplaintConflictError extends CodedError<'store_conflict'> {
  override readonly name = 'ComplaintConflictError';
}
