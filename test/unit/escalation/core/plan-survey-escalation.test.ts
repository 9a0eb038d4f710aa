import { describe, expect, it } from 'vitest';
import type { EscalationSettings } from '../../../../functions/escalation/contracts/escalation-settings.ts';
import { escalateLowScore } from '../../../../functions/escalation/core/escalate-low-score.ts';
import { planSurveyEscalation, type SurveyEscalationContext } from '../../../../functions/escalation/core/plan-survey-escalation.ts';
import type { SurveyEscalationStore } from '../../../../functions/escalation/core/survey-escalation-store.ts';
import type { EscalationRequest } from '../../../../functions/surveys/core/escalation-request.ts';
import { loadEscalationSettings } from '../../../../infra/escalation-settings.ts';
import { premiumJapaneseCase } from './escalation-fixtures.ts';

const settings = loadEscalationSettings();
const now = new Date('2026-03-03T01:00:00.000Z'); // a Tuesday, 10:00 in Tokyo

const request = (overrides: Partial<EscalationRequest> = {}): EscalationRequest => ({
  requestId: 'resp-1',
  source: 'survey',
  responseId: 'resp-1',
  invitationId: 'inv-1',
  customerId: 'cust-7',
  caseId: 'CASE-1',
  csat: 1,
  comment: 'Nobody called back.',
  requestedAt: '2026-03-03T00:59:00.000Z',
  ...overrides,
});

const plan = (context: Partial<SurveyEscalationContext> = {}, withSettings: EscalationSettings = settings) =>
  planSurveyEscalation({ request: request(), waiting: true, roundRobinCursors: {}, ...context }, withSettings, now);

const withoutCsatRule = (): EscalationSettings => ({
  ...settings,
  rules: { ...settings.rules, severityRules: settings.rules.severityRules.filter(({ when }) => when.csatAtMost === undefined) },
});

describe('planSurveyEscalation', () => {
  it('opens a high-severity escalation for a confirmed CSAT of 1 on the case team, never assigned to the agent who handled the case', () => {
    const result = plan({ caseContext: premiumJapaneseCase });
    if (result.kind !== 'escalate') throw new Error(`expected an escalation, got ${result.kind}`);
    expect(result.escalation).toMatchObject({
      id: 'resp-1',
      source: 'survey',
      team: 'japan-support',
      tier: 'premium',
      severity: 'high',
      guaranteed: true,
      subjectAgentId: 'sup-japan-haruto',
      level: 1,
      status: 'open',
    });
    expect(result.escalation.assignee).toBe('sup-japan-yui');
    expect(result.reference).toMatch(/^CSAT-[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(result.appliedRules).toEqual(expect.arrayContaining(['severity/confirmed-csat-of-1', 'routing/case-team']));
  });

  it('mails only the assignee: the customer filed no complaint, so no acknowledgement goes to them', () => {
    const result = plan({ caseContext: premiumJapaneseCase });
    if (result.kind !== 'escalate') throw new Error('expected an escalation');
    expect(result.notifications).toEqual([
      {
        notificationId: 'resp-1#assigned#1',
        kind: 'assigned',
        escalationId: 'resp-1',
        recipientUserId: result.escalation.assignee,
        level: 1,
        createdAt: now.toISOString(),
      },
    ]);
    expect(result.notifications[0]).not.toHaveProperty('complaintId');
  });

  it('takes tier, region and language from the contact when no case was surveyed (a relationship survey)', () => {
    const result = plan({ request: request({ caseId: undefined }), contact: { tier: 'premium', region: 'jp', locale: 'ja' } });
    if (result.kind !== 'escalate') throw new Error('expected an escalation');
    expect(result.escalation).toMatchObject({ tier: 'premium', region: 'jp', team: 'japan-support', guaranteed: true });
    expect(result.appliedRules).toContain('routing/japanese-speakers');
  });

  it('treats a customer nothing is known about as standard, on the default team, with a target and no guarantee', () => {
    const result = plan({ request: request({ caseId: undefined }) });
    if (result.kind !== 'escalate') throw new Error('expected an escalation');
    expect(result.escalation).toMatchObject({ tier: 'standard', team: settings.rules.routing.defaultTeam, guaranteed: false });
  });

  it('moves the team round-robin on from its cursor', () => {
    const first = plan({ caseContext: { ...premiumJapaneseCase, agentId: undefined } });
    if (first.kind !== 'escalate') throw new Error('expected an escalation');
    const second = plan({ caseContext: { ...premiumJapaneseCase, agentId: undefined }, roundRobinCursors: { 'japan-support': first.escalation.assignee } });
    if (second.kind !== 'escalate') throw new Error('expected an escalation');
    expect(second.escalation.assignee).not.toBe(first.escalation.assignee);
    expect(second.nextRoundRobinCursor).toBe(second.escalation.assignee);
  });

  it.each([
    ['the request is gone', { request: undefined }, 'nothing_to_do'],
    ['the request was taken already', { waiting: false }, 'nothing_to_do'],
  ] as const)('does nothing when %s', (_, context, kind) => {
    expect(plan(context).kind).toBe(kind);
  });

  it('does not escalate when the rules have no rule for low scores, and says why', () => {
    expect(plan({}, withoutCsatRule())).toEqual({ kind: 'not_escalated', reason: 'csat_not_low', appliedRules: [] });
  });

  it('does not escalate a score the rules do not count as low (policy threshold 2, rules at 1)', () => {
    expect(plan({ request: request({ csat: 2 }) })).toMatchObject({ kind: 'not_escalated', reason: 'csat_not_low' });
  });
});

/** A store in memory with the DynamoDB one's rule: the request is taken once, by whichever write comes first. */
const memoryStore = (context: Partial<SurveyEscalationContext> = {}, conflicts = 0) => {
  const state = { waiting: true, opened: [] as string[], closed: [] as string[], conflictsLeft: conflicts };
  const store: SurveyEscalationStore = {
    readContext: async () => ({ request: request(), roundRobinCursors: {}, ...context, waiting: state.waiting }),
    open: async (plan) => {
      if (!state.waiting) return 'already_taken';
      if (state.conflictsLeft-- > 0) return 'conflict';
      state.waiting = false;
      state.opened.push(plan.escalation.id);
      return 'opened';
    },
    close: async (_responseId, reason) => {
      if (!state.waiting) return;
      state.waiting = false;
      state.closed.push(reason);
    },
  };
  return { store, state };
};

describe('escalateLowScore', () => {
  const pause = async () => {};

  it('opens the escalation once: a redelivered low score finds its request taken', async () => {
    const { store, state } = memoryStore({ caseContext: premiumJapaneseCase });
    expect((await escalateLowScore(request(), { store, settings, pause }, now)).kind).toBe('opened');
    expect(await escalateLowScore(request(), { store, settings, pause }, now)).toEqual({ kind: 'already_taken' });
    expect(state.opened).toEqual(['resp-1']);
  });

  it('decides again after losing a race on the round-robin item, then gives up to the queue', async () => {
    const retried = memoryStore({}, 2);
    expect((await escalateLowScore(request(), { store: retried.store, settings, pause }, now)).kind).toBe('opened');
    const lost = memoryStore({}, 99);
    await expect(escalateLowScore(request(), { store: lost.store, settings, pause }, now)).rejects.toMatchObject({ code: 'store_conflict' });
    expect(lost.state.opened).toEqual([]);
  });

  it('takes a request the rules do not escalate off the waiting index, with the reason', async () => {
    const { store, state } = memoryStore();
    expect(await escalateLowScore(request(), { store, settings: withoutCsatRule(), pause }, now)).toEqual({ kind: 'not_escalated', reason: 'csat_not_low' });
    expect(state).toMatchObject({ waiting: false, closed: ['csat_not_low'], opened: [] });
  });
});
