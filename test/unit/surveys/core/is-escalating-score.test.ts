import { describe, expect, it } from 'vitest';
import type { SurveyAnswer } from '../../../../functions/surveys/contracts/survey-answer.ts';
import { isEscalatingScore } from '../../../../functions/surveys/core/is-escalating-score.ts';
import type { AnswerStatus } from '../../../../functions/surveys/core/record-survey-answer.ts';
import { policy } from './survey-fixtures.ts';

describe('isEscalatingScore', () => {
  it.each<[string, AnswerStatus, SurveyAnswer, number, boolean]>([
    ['a confirmed CSAT of 1', 'confirmed', { csat: 1 }, 1, true],
    ['a confirmed CSAT of 2', 'confirmed', { csat: 2 }, 1, false],
    ['a provisional CSAT of 1 (a one-click link, perhaps a scanner)', 'provisional', { csat: 1 }, 1, false],
    ['a confirmed NPS of 0 without a CSAT', 'confirmed', { nps: 0 }, 1, false],
    ['a confirmed CSAT of 2 under a threshold of 2', 'confirmed', { csat: 2 }, 2, true],
    ['a confirmed CSAT of 3 under a threshold of 2', 'confirmed', { csat: 3 }, 2, false],
  ])('%s raises an escalation: %s', (_name, status, answer, threshold, escalates) => {
    expect(isEscalatingScore({ status, answer }, policy({ escalatingCsatAtOrBelow: threshold }))).toBe(escalates);
  });
});
