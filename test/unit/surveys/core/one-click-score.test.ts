import { describe, expect, it } from 'vitest';
import { oneClickScore, surveyPageOpening } from '../../../../functions/surveys/core/one-click-score.ts';

describe('oneClickScore', () => {
  it.each([
    ['1', 'post_resolution', 1],
    ['5', 'post_resolution', 5],
    ['0', 'post_resolution', undefined],
    ['6', 'post_resolution', undefined],
    ['0', 'relationship', 0],
    ['10', 'relationship', 10],
    ['11', 'relationship', undefined],
    ['4abc', 'post_resolution', undefined],
    [undefined, 'post_resolution', undefined],
  ] as const)('reads ?score=%s on a %s survey as %s', (query, kind, score) => {
    expect(oneClickScore(query, kind)).toBe(score);
  });
});

describe('surveyPageOpening', () => {
  it('records a rating link’s score as a provisional CSAT, pre-selects it and asks the customer to confirm it', () => {
    expect(surveyPageOpening('4', 'post_resolution', undefined, 'open')).toEqual({
      score: 4,
      provisional: { csat: 4 },
      notice: 'provisional',
    });
  });

  it('records a relationship survey’s rating link as a provisional NPS', () => {
    expect(surveyPageOpening('0', 'relationship', undefined, 'open').provisional).toEqual({ nps: 0 });
  });

  it('records a new one-click score over an earlier provisional one', () => {
    expect(surveyPageOpening('2', 'post_resolution', { status: 'provisional' }, 'open')).toEqual({
      score: 2,
      provisional: { csat: 2 },
      notice: 'provisional',
    });
  });

  it('never records a one-click score over a confirmed answer, so a link scanner cannot change it, but still pre-selects it and says it was answered', () => {
    expect(surveyPageOpening('1', 'post_resolution', { status: 'confirmed' }, 'answered')).toEqual({
      score: 1,
      notice: 'answered',
    });
  });

  it('records nothing for a score the survey does not ask for', () => {
    expect(surveyPageOpening('9', 'post_resolution', undefined, 'open')).toEqual({});
  });

  it('records nothing without a score, and says so when the survey was answered', () => {
    expect(surveyPageOpening(undefined, 'post_resolution', undefined, 'open')).toEqual({});
    expect(surveyPageOpening(undefined, 'relationship', { status: 'confirmed' }, 'answered')).toEqual({
      notice: 'answered',
    });
  });
});
