import { describe, expect, it } from 'vitest';
import type { SurveyResponse } from '../../../../functions/surveys/core/record-survey-answer.ts';
import { surveyPageState } from '../../../../functions/surveys/core/survey-page-state.ts';
import { unsubscribeRecord } from '../../../../functions/surveys/core/unsubscribe-record.ts';
import { daysFromNow, invitation, now } from './survey-fixtures.ts';

const response = (status: SurveyResponse['status']): SurveyResponse => ({
  responseId: 'r',
  invitationId: invitation().invitationId,
  status,
  source: status === 'provisional' ? 'one_click' : 'page',
  answer: { csat: 3 },
  firstAnsweredAt: now.toISOString(),
  updatedAt: now.toISOString(),
});

describe('surveyPageState', () => {
  it.each([
    ['a sent invitation without a response', invitation(), undefined, 'open'],
    ['a provisional one-click score', invitation(), response('provisional'), 'open'],
    ['a confirmed answer', invitation({ state: 'answered' }), response('confirmed'), 'answered'],
    ['a cancelled invitation', invitation({ state: 'cancelled' }), undefined, 'expired'],
    ['an invitation at its expiry instant', invitation({ expiresAt: now.toISOString() }), response('confirmed'), 'expired'],
    ['an invitation a second before expiry', invitation({ expiresAt: daysFromNow(1 / 86_400) }), undefined, 'open'],
  ] as const)('reads %s as %s', (_name, stored, existing, state) => {
    expect(surveyPageState(stored, existing, now)).toBe(state);
  });
});

describe('unsubscribeRecord', () => {
  it('logs the unsubscribe for the customer, on the invitation’s case', () => {
    expect(unsubscribeRecord(invitation(), 'one_click_post', now)).toEqual({
      event: 'unsubscribed',
      kind: 'post_resolution',
      customerId: 'cust-17',
      caseId: 'CASE-7',
      invitationId: invitation().invitationId,
      detail: 'one_click_post',
      decidedAt: now.toISOString(),
    });
  });
});
