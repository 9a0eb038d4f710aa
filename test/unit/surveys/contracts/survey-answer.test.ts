import { describe, expect, it } from 'vitest';
import { assertSurveyReasons, DEFAULT_SURVEY_REASONS, surveyAnswerSchema } from '../../../../functions/surveys/contracts/survey-answer.ts';

const schema = surveyAnswerSchema();

const pathsOf = (input: unknown, against = schema) => {
  const result = against.safeParse(input);
  expect(result.success).toBe(false);
  return result.error!.issues.map((issue) => [...issue.path, ...('keys' in issue ? issue.keys : [])].join('.'));
};

describe('survey answer schema (POST /s/{token})', () => {
  it('offers speed, knowledge, courtesy, resolution, communication and other by default', () => {
    expect(DEFAULT_SURVEY_REASONS).toEqual(['speed', 'knowledge', 'courtesy', 'resolution', 'communication', 'other']);
  });

  it.each([
    ['a CSAT alone', { csat: 4 }],
    ['an NPS alone', { nps: 0 }],
    ['both ends of every scale', { csat: 1, nps: 10, ces: 7 }],
    ['the lowest effort score', { csat: 5, ces: 1 }],
    ['every default reason once', { csat: 3, reasons: [...DEFAULT_SURVEY_REASONS] }],
    ['no reasons', { csat: 3, reasons: [] }],
    ['a multi-line Japanese comment', { nps: 9, comment: '対応が早かった。\n\tありがとう' }],
  ])('accepts %s', (_name, answer) => {
    expect(schema.parse(answer)).toEqual(answer);
  });

  it.each([
    ['no score at all', { ces: 5, comment: 'Fine' }, 'csat'],
    ['an empty body', {}, 'csat'],
    ['a CSAT of 0', { csat: 0 }, 'csat'],
    ['a CSAT of 6', { csat: 6 }, 'csat'],
    ['a fractional CSAT', { csat: 4.5 }, 'csat'],
    ['a CSAT as text', { csat: '4' }, 'csat'],
    ['an NPS of 11', { nps: 11 }, 'nps'],
    ['a negative NPS', { nps: -1 }, 'nps'],
    ['a CES of 0', { csat: 3, ces: 0 }, 'ces'],
    ['a CES of 8', { csat: 3, ces: 8 }, 'ces'],
    ['an unknown reason', { csat: 3, reasons: ['price'] }, 'reasons.0'],
    ['a reason given twice', { csat: 3, reasons: ['speed', 'speed'] }, 'reasons'],
    ['more reasons than the list has', { csat: 3, reasons: [...DEFAULT_SURVEY_REASONS, 'speed'] }, 'reasons'],
    ['a blank comment', { csat: 3, comment: ' \n ' }, 'comment'],
    ['a control character in the comment', { csat: 3, comment: 'bell\u0007' }, 'comment'],
    ['a too long comment', { csat: 3, comment: 'x'.repeat(5001) }, 'comment'],
    ['an unknown field', { csat: 3, score: 3 }, 'score'],
  ])('refuses %s', (_name, answer, path) => {
    expect(pathsOf(answer)).toContain(path);
  });

  it('offers only the configured reasons', () => {
    const narrow = surveyAnswerSchema(['price', 'other']);
    expect(narrow.safeParse({ csat: 2, reasons: ['price'] }).success).toBe(true);
    expect(pathsOf({ csat: 2, reasons: ['speed'] }, narrow)).toContain('reasons.0');
  });

  it.each([
    ['no reasons', []],
    ['a reason with capitals and spaces', ['speed', 'Too Slow']],
    ['a kebab-case reason', ['too-slow']],
    ['a reason listed twice', ['speed', 'speed']],
  ])('refuses a configuration with %s', (_name, reasons) => {
    expect(() => assertSurveyReasons(reasons)).toThrow(/snake_case/);
    expect(() => surveyAnswerSchema(reasons)).toThrow(/snake_case/);
  });
});
