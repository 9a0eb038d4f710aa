import { describe, expect, it } from 'vitest';
import type { ResponseMark } from '../../../../functions/escalation/contracts/supervisor-api.ts';
import { markResponse, type ResponseMarkStore } from '../../../../functions/escalation/core/response-marks.ts';

/** Answers by invitation id, each with its team (or none), and every mark set. */
const storeOf = (answers: ReadonlyMap<string, string | undefined>) => {
  const marks: ResponseMark[] = [];
  const store: ResponseMarkStore = {
    findResponse: async (invitationId) => (answers.has(invitationId) ? { team: answers.get(invitationId) } : undefined),
    mark: async (mark) => {
      marks.push(mark);
    },
  };
  return { store, marks };
};

const answers = new Map([
  ['inv-general', 'general-support'],
  ['inv-japan', 'japan-support'],
  ['inv-relationship', undefined],
]);
const now = new Date('2026-12-06T09:30:00.000Z');
const supervisor = { id: 'sup-general-ana', role: 'supervisor', teams: ['general-support'] } as const;
const lead = { id: 'lead-general-chloe', role: 'lead', teams: ['general-support'] } as const;
const admin = { id: 'admin-grace', role: 'admin', teams: [] } as const;

describe('marking a survey answer about the product, not the agent', () => {
  it('lets a supervisor or lead mark their team’s answers, and says who marked it when', async () => {
    const { store, marks } = storeOf(answers);
    expect(await markResponse(supervisor, 'inv-general', true, store, now)).toEqual({
      invitationId: 'inv-general',
      aboutProductNotAgent: true,
      markedBy: 'sup-general-ana',
      markedAt: '2026-12-06T09:30:00.000Z',
    });
    await markResponse(lead, 'inv-general', false, store, now);
    expect(marks.map(({ aboutProductNotAgent, markedBy }) => [aboutProductNotAgent, markedBy])).toEqual([
      [true, 'sup-general-ana'],
      [false, 'lead-general-chloe'],
    ]);
  });

  it('refuses another team’s answer, and one without a team, to all but an admin, and marks nothing then', async () => {
    const { store, marks } = storeOf(answers);
    await expect(markResponse(supervisor, 'inv-japan', true, store, now)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(markResponse(lead, 'inv-relationship', true, store, now)).rejects.toMatchObject({ code: 'forbidden' });
    expect(marks).toEqual([]);
    await markResponse(admin, 'inv-japan', true, store, now);
    await markResponse(admin, 'inv-relationship', true, store, now);
    expect(marks.map(({ invitationId }) => invitationId)).toEqual(['inv-japan', 'inv-relationship']);
  });

  it('answers not found for an invitation without an answer, whoever asks', async () => {
    const { store } = storeOf(answers);
    for (const actor of [supervisor, admin])
      await expect(markResponse(actor, 'inv-unanswered', true, store, now)).rejects.toMatchObject({ code: 'response_not_found', kind: 'not_found' });
  });
});
