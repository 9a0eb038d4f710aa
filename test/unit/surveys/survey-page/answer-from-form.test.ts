import { describe, expect, it } from 'vitest';
import { answerFromForm } from '../../../../functions/surveys/survey-page/answer-from-form.ts';
import { surveyAnswerSchemaFor } from '../../../../functions/surveys/contracts/survey-answer-message.ts';
import { surveyPolicySetting } from '../../../../functions/surveys/settings/survey-policy-setting.ts';

describe('answerFromForm', () => {
  it('maps the score to csat or nps after the survey kind and drops empty fields', () => {
    const form = new URLSearchParams('score=4&ces=&reasons=speed&reasons=other&comment=');
    expect(answerFromForm(form, 'post_resolution')).toEqual({ csat: 4, reasons: ['speed', 'other'] });
    expect(answerFromForm(new URLSearchParams('score=0'), 'relationship')).toEqual({ nps: 0 });
  });

  it('turns the CRLF line breaks browsers send into LF', () => {
    expect(answerFromForm(new URLSearchParams({ score: '3', comment: 'a\r\nb' }), 'post_resolution').comment).toBe('a\nb');
  });

  it.each(['abc', '4.5', '-1', '100'])('leaves a score of %j for the schema to refuse', (score) => {
    const candidate = answerFromForm(new URLSearchParams({ score }), 'post_resolution');
    expect(surveyAnswerSchemaFor('post_resolution').safeParse(candidate).success).toBe(false);
  });
});

describe('surveyAnswerSchemaFor', () => {
  it('requires the survey’s own score and refuses the other one', () => {
    expect(surveyAnswerSchemaFor('post_resolution').safeParse({ csat: 4 }).success).toBe(true);
    expect(surveyAnswerSchemaFor('post_resolution').safeParse({ nps: 9 }).success).toBe(false);
    expect(surveyAnswerSchemaFor('relationship').safeParse({ nps: 9 }).success).toBe(true);
    expect(surveyAnswerSchemaFor('relationship').safeParse({ nps: 9, csat: 2 }).success).toBe(false);
  });
});

describe('surveyPolicySetting', () => {
  it('reads JSON as a partial policy, every other field at its default', () => {
    expect(surveyPolicySetting.parse('{}').reasons).toContain('speed');
    expect(surveyPolicySetting.parse('{"escalatingCsatAtOrBelow":2}').escalatingCsatAtOrBelow).toBe(2);
  });

  it.each(['not json', '{"reasons":[]}', '{"unknown":1}'])('refuses %j', (text) => {
    expect(surveyPolicySetting.safeParse(text).success).toBe(false);
  });
});
