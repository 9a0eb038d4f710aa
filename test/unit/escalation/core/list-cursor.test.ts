import { describe, expect, it } from 'vitest';
import type { EscalationListQuery } from '../../../../functions/escalation/core/escalation-store.ts';
import { listPartitionsOf, readListCursor, signListCursor } from '../../../../functions/escalation/core/list-cursor.ts';
import { InvalidListCursorError } from '../../../../functions/escalation/core/errors.ts';

const key = 'k'.repeat(64);
const query: EscalationListQuery = { teams: ['general-support'], statuses: ['open', 'claimed'], sort: 'newest', limit: 25 };
const position = {
  'general-support#open': { pk: 'ESCALATION#a', sk: 'ESCALATION', gsi1pk: 'ESCALATIONS#general-support#open', gsi1sk: '2026-03-02T09:00:00.000Z#a' },
  'general-support#claimed': 'done',
} as const;

const refusal = (cursor: string, against: EscalationListQuery = query, keys: readonly string[] = [key]) => {
  try {
    readListCursor(cursor, against, keys);
  } catch (error) {
    return error;
  }
  throw new Error('expected the cursor to be refused');
};

describe('listing cursors', () => {
  it('reads back the position it signed, for the same query', () => {
    expect(readListCursor(signListCursor(position, query, key), query, [key])).toEqual(position);
  });

  it('reads a cursor signed with an earlier key of the ring', () => {
    const cursor = signListCursor(position, query, 'old'.repeat(22));
    expect(readListCursor(cursor, query, [key, 'old'.repeat(22)])).toEqual(position);
  });

  it('does not depend on the order teams and statuses are listed in', () => {
    const cursor = signListCursor(position, query, key);
    expect(readListCursor(cursor, { ...query, statuses: ['claimed', 'open'] }, [key])).toEqual(position);
  });

  it.each([
    ['another team', { ...query, teams: ['cloud-platform'] }],
    ['another sort', { ...query, sort: 'overdue' as const }],
    ['another status', { ...query, statuses: ['resolved' as const] }],
    ['a severity filter', { ...query, severity: 'high' as const }],
    ['an assignee filter', { ...query, assignee: 'sup-x' }],
    ['another page size', { ...query, limit: 10 }],
  ])('refuses a cursor carried over to %s', (_name, other) => {
    expect(refusal(signListCursor(position, query, key), other)).toBeInstanceOf(InvalidListCursorError);
  });

  it('refuses a cursor whose position was edited, even to keys of the same scope', () => {
    const [payload, signature] = signListCursor(position, query, key).split('.') as [string, string];
    const edited = Buffer.from(Buffer.from(payload, 'base64url').toString().replace('ESCALATION#a', 'ESCALATION#b')).toString('base64url');
    expect(refusal(`${edited}.${signature}`)).toMatchObject({ code: 'invalid_cursor' });
  });

  it.each(['', 'abc', 'a.b', 'a.b.c', `${'x'.repeat(20)}.${'y'.repeat(43)}`])('refuses the malformed cursor %j', (cursor) => {
    expect(refusal(cursor)).toMatchObject({ code: 'invalid_cursor' });
  });

  it('refuses a cursor signed with a key the ring does not hold', () => {
    expect(refusal(signListCursor(position, query, 'x'.repeat(64)))).toMatchObject({ code: 'invalid_cursor' });
  });

  it('names one partition per team and status', () => {
    expect(listPartitionsOf({ teams: ['a', 'b'], statuses: ['open', 'claimed'] })).toEqual(['a#open', 'a#claimed', 'b#open', 'b#claimed']);
  });
});
