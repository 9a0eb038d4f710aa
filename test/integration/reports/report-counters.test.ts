import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { DynamoDbCounterStore } from '../../../functions/reports/adapters/dynamodb-counter-store.ts';
import { changeOf } from '../../../functions/reports/core/counter-tally.ts';
import { type Period, periodsOf } from '../../../functions/reports/core/report-periods.ts';
import { sendInvitation } from '../../helpers/survey-invitations.ts';
import { connectTo, eventually } from '../helpers/pipeline-connection.ts';

const pipeline = inject('pipeline');
const api = connectTo(pipeline);
const world = { ...pipeline, dynamodb: api.dynamodb };
const counters = new DynamoDbCounterStore(api.dynamodb, pipeline.countersTableName);

const form = (fields: Record<string, string>) => ({
  body: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

const dayOf = (instant: string): Period => periodsOf(instant)[0]!;

// A team no other test uses: its counters hold this test's answers only.
const freshTeam = () => `reports-${randomUUID()}`;

// A team's line of the team counters, or (given the team) a value of its breakdown.
const countsOf = async (period: Period, dimension: 'team' | 'agent', value: string, team?: string) =>
  Object.fromEntries((await counters.readCounts(period, dimension, team)).get(value) ?? []);

// The answers' fields of a counter (the invitations' may share it, when sent the same day).
const INVITATION_FIELDS = new Set(['sent', 'answered', 'reminded', 'bounced']);
const answerFields = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([field]) => !INVITATION_FIELDS.has(field)));

describe('the report counters, kept from the table’s stream', () => {
  it('count confirmed answers by team and agent, move an updated one, keep a one-click score apart, and count the invitations sent', async () => {
    const team = freshTeam();
    const caseContext = { tier: 'premium' as const, team, agentId: `agent-${team}`, region: 'APAC' };
    const sent = await Promise.all([5, 4, 1, 2].map(() => sendInvitation(world, { locale: 'ja', caseContext })));
    const [five, four, one, clicked] = sent as [(typeof sent)[0], (typeof sent)[0], (typeof sent)[0], (typeof sent)[0]];
    for (const [invitation, score] of [
      [five, 5],
      [four, 4],
      [one, 1],
    ] as const) {
      expect((await api.request('POST', invitation.surveyPath(), form({ score: String(score) }))).status).toBe(200);
    }
    // A one-click score, never confirmed.
    expect((await api.request('GET', clicked.surveyPath(2))).status).toBe(200);

    const answered = async () => {
      const items = await Promise.all(sent.map((invitation) => api.getItem(`INVITATION#${invitation.invitation.invitationId}`, 'RESPONSE')));
      return items.every((item) => item !== undefined) ? items.map((item) => String(item!['firstAnsweredAt'])) : undefined;
    };
    const [firstAnsweredAt] = await eventually(answered, 15_000, 'the four stored responses');
    const day = dayOf(firstAnsweredAt!);
    const teamCounts = await eventually(
      async () => {
        const counts = await countsOf(day, 'team', team);
        return counts['responses'] === 3 && counts['unconfirmed_responses'] === 1 ? counts : undefined;
      },
      15_000,
      'the team’s counters',
    );
    expect(answerFields(teamCounts)).toEqual({ responses: 3, csat_5: 1, csat_4: 1, csat_1: 1, unconfirmed_responses: 1, unconfirmed_csat_2: 1 });

    // The customer changes 5 to 3: one count moves, none is added.
    expect((await api.request('POST', five.surveyPath(), form({ score: '3' }))).status).toBe(200);
    const moved = await eventually(
      async () => {
        const counts = await countsOf(day, 'agent', caseContext.agentId, team);
        return counts['csat_3'] === 1 ? counts : undefined;
      },
      15_000,
      'the moved answer',
    );
    expect(answerFields(moved)).toEqual({ responses: 3, csat_5: 0, csat_3: 1, csat_4: 1, csat_1: 1, unconfirmed_responses: 1, unconfirmed_csat_2: 1 });

    // The four invitations, counted in the period each was sent; three answered.
    const sentDay = dayOf(five.invitation.sentAt);
    const invitations = await eventually(
      async () => {
        const counts = await countsOf(sentDay, 'team', team);
        return counts['sent'] === 4 && counts['answered'] === 3 ? counts : undefined;
      },
      15_000,
      'the invitations counted',
    );
    expect(invitations).toMatchObject({ sent: 4, answered: 3 });

    // The same, read through the reports API by an admin narrowing to the team, by agent.
    const summary = await api.request('GET', `/reports/summary?from=${day.key}&to=${day.key}&interval=day&groupBy=agent&team=${encodeURIComponent(team)}`, {
      headers: { authorization: `Bearer ${pipeline.supervisorTokens['admin-grace']}` },
    });
    expect(summary.status, summary.text).toBe(200);
    expect(summary.json).toMatchObject({ team, interval: 'day', minimumSample: 20 });
    // Three answers: counted, no percentage (too few), the one-click score apart.
    expect(summary.json.overall.csat).toMatchObject({ answers: 3, distribution: [1, 0, 1, 1, 0], satisfied: { count: 1, of: 3, value: null, tooFew: true } });
    expect(summary.json.overall.unconfirmed).toMatchObject({ answers: 1, csat: { distribution: [0, 1, 0, 0, 0] } });
    expect(summary.json.trend).toEqual([expect.objectContaining({ period: day.key, from: day.key })]);
    expect(summary.json.groups.map((group: { value: string; csat: { answers: number } }) => [group.value, group.csat.answers])).toEqual([
      [caseContext.agentId, 3],
    ]);
  });

  it('takes an answer a supervisor marks about the product out of its agent’s counters only, and keeps it out when the customer changes it', async () => {
    const team = freshTeam();
    const caseContext = { tier: 'standard' as const, team, agentId: `agent-${team}`, region: 'EMEA' };
    const invitation = await sendInvitation(world, { locale: 'en', caseContext });
    expect((await api.request('POST', invitation.surveyPath(), form({ score: '2' }))).status).toBe(200);
    const stored = await eventually(() => api.getItem(`INVITATION#${invitation.invitation.invitationId}`, 'RESPONSE'), 15_000, 'the stored answer');
    const day = dayOf(String(stored['firstAnsweredAt']));
    const counted = (what: string, expected: { team: number; agent: number; score: string }) =>
      eventually(
        async () => {
          const [teamCounts, agentCounts] = await Promise.all([countsOf(day, 'team', team), countsOf(day, 'agent', caseContext.agentId, team)]);
          const seen = { team: teamCounts[expected.score] ?? 0, agent: agentCounts[expected.score] ?? 0, score: expected.score };
          return seen.team === expected.team && seen.agent === expected.agent ? seen : undefined;
        },
        15_000,
        what,
      );
    await counted('the answer in the team’s and the agent’s counters', { team: 1, agent: 1, score: 'csat_2' });

    // The team's lead is not in the demo directory's teams: an admin marks it, through the API.
    const marked = await api.request('PUT', `/responses/${invitation.invitation.invitationId}/about-product`, {
      headers: { authorization: `Bearer ${pipeline.supervisorTokens['admin-grace']}`, 'content-type': 'application/json' },
      body: JSON.stringify({ aboutProductNotAgent: true }),
    });
    expect(marked.status, marked.text).toBe(200);
    expect(marked.json.response).toMatchObject({ aboutProductNotAgent: true, markedBy: 'admin-grace' });
    await counted('the answer out of the agent’s counters, still in the team’s', { team: 1, agent: 0, score: 'csat_2' });

    // The customer changes the score: the mark stays, so the new score is not the agent's either.
    expect((await api.request('POST', invitation.surveyPath(), form({ score: '4' }))).status).toBe(200);
    await counted('the changed answer, still out of the agent’s counters', { team: 1, agent: 0, score: 'csat_4' });
    expect(await api.getItem(`INVITATION#${invitation.invitation.invitationId}`, 'RESPONSE')).toMatchObject({
      aboutProductNotAgent: true,
      answer: { csat: 4 },
    });
  });

  it('counts a change delivered twice once: the second delivery finds its marker and writes nothing', async () => {
    const team = freshTeam();
    const firstAnsweredAt = '2026-12-06T09:00:00.000Z';
    const change = changeOf(undefined, {
      pk: 'INVITATION#i-redelivered',
      sk: 'RESPONSE',
      responseId: 'r',
      invitationId: 'i-redelivered',
      status: 'confirmed',
      source: 'page',
      answer: { csat: 5 },
      firstAnsweredAt,
      updatedAt: firstAnsweredAt,
      reportedAs: { team },
    });
    const eventId = `event-${team}`;
    expect(await counters.addCounts([eventId], change, 1)).toEqual({ kind: 'committed' });
    expect(await counters.addCounts([eventId, `other-${team}`], change, 2)).toEqual({ kind: 'repeated', eventIds: [eventId] });
    expect(await countsOf(dayOf(firstAnsweredAt), 'team', team)).toEqual({ responses: 1, csat_5: 1 });
  });
});
