import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { CodedError } from '../../platform/coded-error.ts';
import type { EscalationListPosition, EscalationListQuery } from './escalation-store.ts';

/**
 * A listing cursor that was not made by this API for this very query (tampered with, truncated,
 * or carried over to other filters or another scope).
 *
 * @example
 * ```ts
 * throw new InvalidListCursorError('invalid_cursor', 'This cursor does not belong to this listing.');
 * ```
 *
 * @internal exported for its tests only
 */
export class InvalidListCursorError extends CodedError<'invalid_cursor'> {
  override readonly name = 'InvalidListCursorError';

  constructor(code: 'invalid_cursor', message: string, options?: ErrorOptions) {
    super(code, message, { ...options, kind: 'invalid_request' });
  }
}

// Signed apart from link tokens: a cursor can never verify as a status or survey link.
const PURPOSE = 'escalation-list-cursor.';

const signatureOf = (payload: string, key: string): string =>
  createHmac('sha256', key)
    .update(PURPOSE + payload)
    .digest('base64url');

/** What the cursor is bound to: every filter and the scope's teams, not the position. */
const fingerprintOf = ({ teams, statuses, severity, assignee, sort, limit }: EscalationListQuery): string =>
  createHash('sha256')
    .update(JSON.stringify([[...teams].sort(), [...statuses].sort(), severity ?? null, assignee ?? null, sort, limit]))
    .digest('base64url')
    .slice(0, 22);

/** The partition names of a query (`<team>#<status>`), the only keys a position may hold. */
export const listPartitionsOf = (query: Pick<EscalationListQuery, 'teams' | 'statuses'>): string[] =>
  query.teams.flatMap((team) => query.statuses.map((status) => `${team}#${status}`));

/**
 * The opaque `cursor` of the next page: the position, bound to the query's filters and scope and
 * signed with HMAC-SHA256, so a client can neither edit the DynamoDB keys inside nor reuse the
 * cursor for another team or filter.
 *
 * @example
 * ```ts
 * const cursor = page.next && signListCursor(page.next, query, ring.current);
 * ```
 */
export const signListCursor = (position: EscalationListPosition, query: EscalationListQuery, signingKey: string): string => {
  const payload = Buffer.from(JSON.stringify({ q: fingerprintOf(query), p: position })).toString('base64url');
  return `${payload}.${signatureOf(payload, signingKey)}`;
};

/**
 * The position inside a cursor made by {@link signListCursor} for the same query, checked against
 * every key of the ring (rotation keeps cursors valid), or {@link InvalidListCursorError}.
 *
 * @example
 * ```ts
 * const after = cursor === undefined ? undefined : readListCursor(cursor, query, verificationKeysOf(ring));
 * ```
 */
export const readListCursor = (cursor: string, query: EscalationListQuery, verificationKeys: readonly string[]): EscalationListPosition => {
  const invalid = (why: string) => new InvalidListCursorError('invalid_cursor', `This cursor is not valid for this listing (${why}); start again without one.`);
  const [payload, signature, extra] = cursor.split('.');
  if (payload === undefined || signature === undefined || extra !== undefined || !/^[A-Za-z0-9_-]{43}$/.test(signature)) throw invalid('malformed');
  const presented = Buffer.from(signature);
  if (!verificationKeys.some((key) => timingSafeEqual(Buffer.from(signatureOf(payload, key)), presented))) throw invalid('signature');
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch (cause) {
    throw new InvalidListCursorError('invalid_cursor', 'This cursor is not valid for this listing (malformed); start again without one.', { cause });
  }
  const { q, p } = (decoded ?? {}) as { q?: unknown; p?: unknown };
  if (q !== fingerprintOf(query)) throw invalid('other filters or scope');
  const partitions = new Set(listPartitionsOf(query));
  if (p === null || typeof p !== 'object' || Object.keys(p).some((partition) => !partitions.has(partition))) throw invalid('other partitions');
  return p as EscalationListPosition;
};
