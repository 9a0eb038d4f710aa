import { CodedError } from '../../platform/coded-error.ts';

/** Why a token grants nothing; logged, never shown to the caller beyond the code. */
// Signature, issuer, audience and expiry are API Gateway's JWT authorizer's to refuse: a token
// that reaches the function was verified, and only its reading can fail here.
export type InvalidTokenReason = 'missing' | 'malformed' | 'invalid_claims' | 'unverified_token';

/**
 * A supervisor cannot be let in: `invalid_token` (no identity: missing, unreadable, or not the
 * token the gateway verified) or `forbidden` (a valid identity with no role or no team).
 * The core knows no HTTP: each code has its problem kind, which the HTTP layer maps to a status.
 *
 * @example
 * ```ts
 * throw new SupervisorAccessError('invalid_token', 'The token has expired.', { reason: 'expired' });
 * ```
 */
export class SupervisorAccessError extends CodedError<'invalid_token' | 'forbidden'> {
  override readonly name = 'SupervisorAccessError';
  readonly reason: InvalidTokenReason | undefined;

  constructor(code: 'invalid_token' | 'forbidden', message: string, options?: ErrorOptions & { reason?: InvalidTokenReason }) {
    super(code, message, { ...options, kind: code === 'invalid_token' ? 'unauthenticated' : 'forbidden' });
    this.reason = options?.reason;
  }
}
