import { CodedError } from '../../platform/coded-error.ts';

/** Why a token grants nothing; logged, never shown to the caller beyond the code. */
export type InvalidTokenReason =
  | 'missing'
  | 'malformed'
  | 'algorithm_refused'
  | 'unknown_key'
  | 'bad_signature'
  | 'expired'
  | 'not_yet_valid'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'wrong_token_use'
  | 'invalid_claims'
  | 'unverified_token';

/**
 * A supervisor cannot be let in: `invalid_token` (no identity: missing, malformed, forged,
 * expired or meant for someone else), `forbidden` (a valid identity with no role or no team), or
 * `issuer_unavailable` (the signing keys could not be fetched: our side, not the caller's).
 * The core knows no HTTP: each code has its problem kind, which the HTTP layer maps to a status.
 *
 * @example
 * ```ts
 * throw new SupervisorAccessError('invalid_token', 'The token has expired.', { reason: 'expired' });
 * ```
 */
export class SupervisorAccessError extends CodedError<'invalid_token' | 'forbidden' | 'issuer_unavailable'> {
  override readonly name = 'SupervisorAccessError';
  readonly reason: InvalidTokenReason | undefined;

  constructor(code: 'invalid_token' | 'forbidden' | 'issuer_unavailable', message: string, options?: ErrorOptions & { reason?: InvalidTokenReason }) {
    super(code, message, { ...options, kind: code === 'invalid_token' ? 'unauthenticated' : code === 'forbidden' ? 'forbidden' : 'unavailable' });
    this.reason = options?.reason;
  }
}
