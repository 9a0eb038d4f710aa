import { describe, expect, it } from 'vitest';
import { reopenCase } from '../../../../functions/surveys/core/reopen-case.ts';
import { invitation, now } from './survey-fixtures.ts';
import { fakeCaseIntakeStore } from './survey-store-fakes.ts';

describe('reopenCase', () => {
  it.each([
    [{ kind: 'cancelled', invitation: invitation({ state: 'cancelled' }) }, 'cancelled'],
    [{ kind: 'kept', invitation: invitation() }, 'kept'],
    [{ kind: 'none' }, 'none'],
  ] as const)('answers %j as invitation %s', async (cancel, answer) => {
    const { store } = fakeCaseIntakeStore({ cancel });
    expect(await reopenCase('CASE-7', { store, now })).toEqual({ caseId: 'CASE-7', invitation: answer });
  });
});
