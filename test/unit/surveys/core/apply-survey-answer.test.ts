import { describe, expect, it } from 'vitest';
import { applySurveyAnswer } from '../../../../functions/surveys/core/apply-survey-answer.ts';
import type { SurveyInvitation } from '../../../../functions/surveys/core/customer-survey-history.ts';
import type { EscalationRequest } from '../../../../functions/surveys/core/escalation-request.ts';
import type { SurveyResponse } from '../../../../functions/surveys/core/record-survey-answer.ts';
import type { SurveyAnswerStore } from '../../../../functions/surveys/core/survey-answer-store.ts';
import type { SurveyDecisionRecord } from '../../../../functions/surveys/contracts/survey-decision-record.ts';
import { daysFromNow, invitation, now, policy } from './survey-fixtures.ts';

/**
 * The store's contract in memory: the same conditions the DynamoDB adapter writes, and decisions
 * kept by their key (time, event, invitation), as the table keeps them. `readsBeforeWrites` holds
 * every response read until that many were made, so as many deliveries race past the read.
 */
const memoryStore = (stored: SurveyInvitation | null = invitation(), { readsBeforeWrites = 0 } = {}) => {
  const state = {
    invitation: stored ?? undefined,
    response: undefined as SurveyResponse | undefined,
    decisions: new Map<string, SurveyDecisionRecord>(),
    escalations: new Map<string, EscalationRequest>(),
  };
  let reads = 0;
  const allRead = Promise.withResolvers<void>();
  const store: SurveyAnswerStore = {
    loadInvitation: async () => state.invitation,
    loadCustomerLocale: async () => undefined,
    loadResponse: async () => {
      const response = state.response;
      if (++reads === readsBeforeWrites) allRead.resolve();
      if (reads <= readsBeforeWrites) await allRead.promise;
      return response;
    },
    saveResponse: async (response, { record, escalation }) => {
      const current = state.response;
      if (current && (current.updatedAt > response.updatedAt || (response.status === 'provisional' && current.status === 'confirmed'))) return 'superseded';
      // A first confirmation (the one with a decision) lands only while none is stored.
      if (record && current?.status === 'confirmed') return 'superseded';
      if (state.invitation?.state === 'cancelled') return 'closed';
      state.response = response;
      if (response.status === 'confirmed' && state.invitation) state.invitation = { ...state.invitation, state: 'answered' };
      if (record) state.decisions.set(`${record.decidedAt}#${record.event}#${record.invitationId}`, record);
      if (escalation && !state.escalations.has(escalation.responseId)) state.escalations.set(escalation.responseId, escalation);
      return 'saved';
    },
    optOut: async () => 'opted_out',
  };
  return { store, state };
};

const settings = policy();
const message = (overrides: Partial<Parameters<typeof applySurveyAnswer>[0]> = {}) => ({
  invitationId: invitation().invitationId,
  answer: { csat: 4 },
  source: 'page' as const,
  submittedAt: now.toISOString(),
  ...overrides,
});

describe('applySurveyAnswer', () => {
  it('stores a one-click score as provisional, leaves the invitation sent, and neither logs nor escalates it', async () => {
    const { store, state } = memoryStore();
    expect((await applySurveyAnswer(message({ source: 'one_click', answer: { csat: 1 } }), { store, settings })).outcome).toBe('saved');
    expect(state.response).toMatchObject({ status: 'provisional', source: 'one_click' });
    expect(state.invitation?.state).toBe('sent');
    expect([...state.decisions.values()]).toEqual([]);
    expect(state.escalations.size).toBe(0);
  });

  it('confirms an answer from the page, marks the invitation answered and logs the decision', async () => {
    const { store, state } = memoryStore();
    expect((await applySurveyAnswer(message(), { store, settings })).outcome).toBe('saved');
    expect(state.response).toMatchObject({ status: 'confirmed', source: 'page', confirmedAt: now.toISOString() });
    expect(state.invitation?.state).toBe('answered');
    expect([...state.decisions.values()]).toEqual([expect.objectContaining({ event: 'answered', detail: 'page', decidedAt: now.toISOString() })]);
  });

  it.each([
    [1, 1, 'escalated', 1],
    [2, 1, 'saved', 0],
    [2, 2, 'escalated', 1],
  ])('with CSAT %i and a threshold of %i answers %s and raises %i escalation request(s)', async (csat, threshold, outcome, requests) => {
    const { store, state } = memoryStore();
    expect((await applySurveyAnswer(message({ answer: { csat } }), { store, settings: policy({ escalatingCsatAtOrBelow: threshold }) })).outcome).toBe(outcome);
    expect(state.escalations.size).toBe(requests);
  });

  it('is idempotent under redelivery: the same message leaves one response, one decision and one escalation request', async () => {
    const { store, state } = memoryStore();
    const low = message({ answer: { csat: 1, comment: 'Still broken' } });
    const firstAnswer = await applySurveyAnswer(low, { store, settings });
    const first = state.response;
    // The redelivery answers the same request again, so the consumer can finish opening its escalation.
    const secondAnswer = await applySurveyAnswer(low, { store, settings });
    expect(secondAnswer).toEqual(firstAnswer);
    expect(secondAnswer.escalationRequest).toMatchObject({ requestId: first?.responseId, customerId: expect.any(String) });
    expect(state.response).toEqual(first);
    expect(state.decisions.size).toBe(1);
    expect([...state.escalations.values()]).toEqual([
      expect.objectContaining({ requestId: first?.responseId, csat: 1, comment: 'Still broken', caseId: 'CASE-7', requestedAt: now.toISOString() }),
    ]);
  });

  it('logs one answered decision for ten identical answers submitted one after another', async () => {
    const { store, state } = memoryStore();
    for (let answer = 0; answer < 10; answer++) {
      expect((await applySurveyAnswer(message({ submittedAt: new Date(now.getTime() + answer * 1_000).toISOString() }), { store, settings })).outcome).toBe(
        'saved',
      );
    }
    expect([...state.decisions.values()]).toEqual([expect.objectContaining({ event: 'answered', decidedAt: now.toISOString() })]);
    expect(state.response).toMatchObject({ confirmedAt: now.toISOString(), updatedAt: new Date(now.getTime() + 9_000).toISOString() });
  });

  it('logs one answered decision when two deliveries race past the read, and the later answer stands', async () => {
    const { store, state } = memoryStore(invitation(), { readsBeforeWrites: 2 });
    const earlier = message({ answer: { csat: 3 } });
    const later = message({ answer: { csat: 4 }, submittedAt: new Date(now.getTime() + 1_000).toISOString() });

    const outcomes = await Promise.all([applySurveyAnswer(earlier, { store, settings }), applySurveyAnswer(later, { store, settings })]);

    expect(outcomes.map(({ outcome }) => outcome)).toEqual(['saved', 'saved']);
    expect(state.decisions.size).toBe(1);
    expect(state.response).toMatchObject({ answer: { csat: 4 }, confirmedAt: now.toISOString() });
  });

  it('answers the request of a superseded low score, so a delivery that died before opening its escalation is finished', async () => {
    const { store } = memoryStore();
    await applySurveyAnswer(message({ answer: { csat: 4 }, submittedAt: daysFromNow(0.2) }), { store, settings });
    const late = await applySurveyAnswer(message({ answer: { csat: 1 } }), { store, settings });
    expect(late.outcome).toBe('superseded');
    expect(late.escalationRequest).toMatchObject({ csat: 1 });
    const lateHigh = await applySurveyAnswer(message({ answer: { csat: 3 } }), { store, settings });
    expect(lateHigh).toEqual({ outcome: 'superseded' });
  });

  it('judges a retried message by when it was submitted, not by when it arrives', async () => {
    const { store } = memoryStore(invitation({ expiresAt: daysFromNow(0.5) }));
    // Submitted before expiry; the clock of the consumer plays no part.
    expect((await applySurveyAnswer(message({ submittedAt: daysFromNow(0.4) }), { store, settings })).outcome).toBe('saved');
    expect((await applySurveyAnswer(message({ submittedAt: daysFromNow(0.6) }), { store, settings })).outcome).toBe('closed');
  });

  it('keeps a confirmed answer when a one-click score arrives after it', async () => {
    const { store, state } = memoryStore();
    await applySurveyAnswer(message({ answer: { csat: 5 } }), { store, settings });
    expect((await applySurveyAnswer(message({ source: 'one_click', answer: { csat: 1 }, submittedAt: daysFromNow(0.1) }), { store, settings })).outcome).toBe(
      'unchanged',
    );
    expect(state.response?.answer).toEqual({ csat: 5 });
  });

  it('refuses answers to a cancelled invitation and ignores one whose invitation is unknown', async () => {
    expect((await applySurveyAnswer(message(), { store: memoryStore(invitation({ state: 'cancelled' })).store, settings })).outcome).toBe('closed');
    const { store, state } = memoryStore(null);
    expect((await applySurveyAnswer(message(), { store, settings })).outcome).toBe('unknown_invitation');
    expect(state.response).toBeUndefined();
  });
});
