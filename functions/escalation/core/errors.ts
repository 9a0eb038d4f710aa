import { CodedError, type ProblemKind } from '../../platform/coded-error.ts';

// An action the caller got wrong (a blank text, a reassign to someone or a team that is not
// there), as opposed to one that meets the escalation's state (a conflict).
const BAD_ACTION_CODES: ReadonlySet<string> = new Set(['invalid_action', 'unknown_assignee', 'not_a_team_member', 'unknown_team']);
const kindOfAction = (code: string): ProblemKind => (code === 'forbidden' ? 'forbidden' : BAD_ACTION_CODES.has(code) ? 'invalid_request' : 'conflict');

/**
 * An action on an escalation that is not allowed: by this actor, from its current state, or to
 * this target (`unknown_assignee`, `not_a_team_member`, `unknown_team`: a reassign naming someone
 * or a team the supervisor directory does not have there). `already_claimed` and `not_holder`
 * carry the `holder`, so the API can name them.
 *
 * @example
 * ```ts
 * throw new EscalationActionError('already_claimed', 'Escalation esc-1 is held by sv-aiko.', { holder: 'sv-aiko' });
 * ```
 */
export class EscalationActionError extends CodedError<
  'forbidden' | 'already_claimed' | 'not_holder' | 'invalid_transition' | 'invalid_action' | 'unknown_assignee' | 'not_a_team_member' | 'unknown_team'
> {
  override readonly name = 'EscalationActionError';
  override readonly kind: ProblemKind;
  override readonly shown: { readonly holder: string } | undefined;
  readonly holder: string | undefined;

  constructor(code: EscalationActionError['code'], message: string, options?: ErrorOptions & { holder?: string }) {
    super(code, message, options);
    this.kind = kindOfAction(code);
    this.holder = options?.holder;
    this.shown = this.holder ? { holder: this.holder } : undefined;
  }
}

/**
 * The rules and the directory do not fit together: a team with no roster, or nobody left in a
 * chain who may take the escalation. A configuration fault, never the complainant's.
 *
 * @example
 * ```ts
 * throw new EscalationRulesError('unknown_team', 'No roster for team "billing-support".');
 * ```
 */
export class EscalationRulesError extends CodedError<'unknown_team' | 'no_assignee' | 'no_directory'> {
  override readonly name = 'EscalationRulesError';
}

/**
 * No escalation has this id.
 *
 * @example
 * ```ts
 * throw new EscalationNotFoundError('escalation_not_found', 'No escalation esc-1.');
 * ```
 */
export class EscalationNotFoundError extends CodedError<'escalation_not_found'> {
  override readonly name = 'EscalationNotFoundError';
  override readonly kind = 'not_found';
}

/** A low score whose escalation kept losing the race for the round-robin item: the queue retries it. */
export class SurveyEscalationConflictError extends CodedError<'store_conflict'> {
  override readonly name = 'SurveyEscalationConflictError';
}

/**
 * A listing cursor that was not made by this API for this very query (tampered with, truncated,
 * or carried over to other filters or another scope).
 *
 * @example
 * ```ts
 * throw new InvalidListCursorError('invalid_cursor', 'This cursor does not belong to this listing.');
 * ```
 */
export class InvalidListCursorError extends CodedError<'invalid_cursor'> {
  override readonly name = 'InvalidListCursorError';
  override readonly kind = 'invalid_request';
}

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
 * throw new SupervisorAccessError('invalid_token', 'The token does not carry the verified claims.', { reason: 'unverified_token' });
 * ```
 */
export class SupervisorAccessError extends CodedError<'invalid_token' | 'forbidden'> {
  override readonly name = 'SupervisorAccessError';
  override readonly kind: ProblemKind;
  readonly reason: InvalidTokenReason | undefined;

  constructor(code: 'invalid_token' | 'forbidden', message: string, options?: ErrorOptions & { reason?: InvalidTokenReason }) {
    super(code, message, options);
    this.kind = code === 'invalid_token' ? 'unauthenticated' : 'forbidden';
    this.reason = options?.reason;
  }
}

/**
 * Nobody in the supervisor directory has this user name (told to an admin only: others learn only
 * that the person is out of their reach).
 */
export class PersonNotFoundError extends CodedError<'person_not_found'> {
  override readonly name = 'PersonNotFoundError';
  override readonly kind = 'not_found';
}

/** The rules have no region of this name (told to an admin, who alone edits calendars). */
export class RegionNotFoundError extends CodedError<'region_not_found'> {
  override readonly name = 'RegionNotFoundError';
  override readonly kind = 'not_found';
}
