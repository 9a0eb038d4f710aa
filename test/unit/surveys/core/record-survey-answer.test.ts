import { describe, expect, it } from 'vitest';
import type { SurveyAnswer } from '../../../../functions/surveys/contracts/survey-answer.ts';
import { type AnswerSource, recordSurveyAnswer, type SurveyResponse, surveyResponseId } from '../../../../functions/surveys/core/record-survey-answer.ts';
import { daysFromNow, invitation, now } from './survey-fixtures.ts';

const sent = invitation();
const later = new Date(now.getTime() + 3_600_000);

const answered = (source: AnswerSource, answer: SurveyAnswer, at = now, existing?: SurveyResponse) => {
  const decision = recordSurveyAnswer({ invitation: sent, existing, answer, source, now: at });
  if (decision.kind !== 'recorded') throw new Error(`expected a recorded answer, got ${decision.kind}`);
  return decision;
};

describe('recordSurveyAnswer', () => {
  it.each([
    ['a one-click rating link', 'one_click', 'provisional'],
    ['the survey page', 'page', 'confirmed'],
    ['the JSON API', 'api', 'confirmed'],
  ] as const)('stores an answer from %s as %s, with its source', (_name, source, status) => {
    const { response } = answered(source, { csat: 4 });
    expect(response).toMatchObject({ status, source, answer: { csat: 4 }, invitationId: sent.invitationId });
  });

  it('derives the response id from the invitation: one response per invitation', () => {
    const { response } = answered('page', { csat: 4 });
    expect(response.responseId).toBe(surveyResponseId(sent.invitationId));
    expect(surveyResponseId(sent.invitationId)).not.toBe(surveyResponseId(invitation({ invitationId: '0c1d2e3f-4a5b-8c6d-8e7f-8091a2b3c4d5' }).invitationId));
  });

  it('records a confirmed answer in the decision log, with its source', () => {
    expect(answered('api', { csat: 2 }).record).toEqual({
      event: 'answered',
      kind: 'post_resolution',
      customerId: 'cust-17',
      caseId: 'CASE-7',
      invitationId: sent.invitationId,
      detail: 'api',
      decidedAt: now.toISOString(),
    });
  });

  it('logs only the first confirmation: the same answer again, or a changed one, updates the response and logs nothing', () => {
    const first = answered('page', { csat: 2 });
    expect(answered('page', { csat: 2 }, later, first.response).record).toBeUndefined();
    expect(answered('api', { csat: 4 }, later, first.response).record).toBeUndefined();
  });

  it('logs the confirmation of a provisional one-click score', () => {
    const provisional = answered('one_click', { csat: 2 }).response;
    expect(answered('page', { csat: 2 }, later, provisional).record).toMatchObject({ event: 'answered', decidedAt: later.toISOString() });
  });

  it('logs nothing for a provisional one-click score, which a mail scanner may have made', () => {
    expect(answered('one_click', { csat: 1 }).record).toBeUndefined();
  });

  it('updates the same response when the customer answers again within the window', () => {
    const first = answered('page', { csat: 2 }).response;
    const second = answered('page', { csat: 4, comment: 'Sorted after all' }, later, first).response;
    expect(second).toEqual({
      ...first,
      answer: { csat: 4, comment: 'Sorted after all' },
      updatedAt: later.toISOString(),
    });
  });

  it('keeps a supervisor’s “about the product” mark when the customer changes the answer', () => {
    const mark = { aboutProductNotAgent: true, aboutProductMarkedBy: 'sup-general-ana', aboutProductMarkedAt: now.toISOString() };
    const marked = { ...answered('page', { csat: 1 }).response, ...mark };
    expect(answered('page', { csat: 2 }, later, marked).response).toMatchObject({ answer: { csat: 2 }, ...mark });
  });

  it('confirms a provisional one-click score from the page, keeping its response and first answer time', () => {
    const provisional = answered('one_click', { csat: 1 }).response;
    const confirmed = answered('page', { csat: 1, reasons: ['speed'] }, later, provisional).response;
    expect(confirmed).toMatchObject({
      responseId: provisional.responseId,
      status: 'confirmed',
      source: 'page',
      firstAnsweredAt: now.toISOString(),
      confirmedAt: later.toISOString(),
    });
  });

  it('keeps a confirmed answer when a one-click link is opened afterwards (a scanner re-checking the email)', () => {
    const confirmed = answered('page', { csat: 5 }).response;
    expect(recordSurveyAnswer({ invitation: sent, existing: confirmed, answer: { csat: 1 }, source: 'one_click', now: later })).toEqual({
      kind: 'unchanged',
      response: confirmed,
    });
  });

  it.each([
    ['at the moment the link expires', sent, new Date(sent.expiresAt)],
    ['after the link expired', sent, new Date(Date.parse(sent.expiresAt) + 1)],
    ['for a cancelled invitation', invitation({ state: 'cancelled', expiresAt: daysFromNow(10) }), now],
  ])('refuses an answer %s: the survey is closed', (_name, closed, at) => {
    for (const source of ['one_click', 'page', 'api'] as const) {
      expect(recordSurveyAnswer({ invitation: closed, existing: undefined, answer: { csat: 3 }, source, now: at })).toEqual({
        kind: 'refused',
        reason: 'survey_closed',
      });
    }
  });

  it('accepts an answer a millisecond before expiry', () => {
    const decision = recordSurveyAnswer({
      invitation: sent,
      existing: undefined,
      answer: { nps: 9 },
      source: 'api',
      now: new Date(Date.parse(sent.expiresAt) - 1),
    });
    expect(decision.kind).toBe('recorded');
  });
});
