import { describe, expect, it } from 'vitest';
import type { Escalation } from '../../../../functions/escalation/core/escalation.ts';
import { nextEscalationStep } from '../../../../functions/escalation/core/next-escalation-step.ts';
import { openedEscalation, rosters, rules, rulesWith } from './escalation-fixtures.ts';

// The escalation is due at 15:00 JST (06:00Z) and warns at 14:00 JST (05:00Z) on Monday 9 March 2026.
const roster = rosters['japan-support']!;
const at = (iso: string) => new Date(iso);
const beforeWarning = at('2026-03-09T04:59:00Z');
const atWarning = at('2026-03-09T05:00:00Z');
const atDue = at('2026-03-09T06:00:00Z');

describe('nextEscalationStep', () => {
  it.each<[string, Partial<Escalation>, Date]>([
    ['before the warning point', {}, beforeWarning],
    ['after the warning was sent, before the due time', { warned: true }, at('2026-03-09T05:30:00Z')],
    [
      'an acknowledged escalation past due',
      { status: 'acknowledged', claimedBy: 'sv-aiko', acknowledgedAt: '2026-03-09T02:00:00Z' },
      at('2026-03-12T00:00:00Z'),
    ],
    ['a resolved escalation past due', { status: 'resolved', resolvedAt: '2026-03-09T02:00:00Z', resolution: 'Refunded.' }, at('2026-03-12T00:00:00Z')],
    ['a breached escalation at the top', { level: 3, assignee: 'hd-eve', breached: true, warned: true }, at('2026-03-12T00:00:00Z')],
  ])('does nothing %s', (_name, state, now) => {
    expect(nextEscalationStep(openedEscalation(state), rules, roster, now)).toEqual({ kind: 'none' });
  });

  it('warns the assignee once at 75% of the acknowledgement time', () => {
    const step = nextEscalationStep(openedEscalation(), rules, roster, atWarning);
    expect(step.kind).toBe('warn');
    if (step.kind !== 'warn') return;
    expect(step.escalation).toMatchObject({ warned: true, level: 1, assignee: 'sv-aiko', ackDueAt: '2026-03-09T06:00:00.000Z' });
    expect(step.escalation.audit.at(-1)).toEqual({
      at: atWarning.toISOString(),
      actor: 'sla-watcher',
      action: 'warn',
      detail: { assignee: 'sv-aiko', ackDueAt: '2026-03-09T06:00:00.000Z' },
    });
    expect(nextEscalationStep(step.escalation, rules, roster, atWarning)).toEqual({ kind: 'none' });
  });

  it.each<[string, Partial<Escalation>]>([
    ['an open', {}],
    ['a claimed but not acknowledged', { status: 'claimed', claimedBy: 'sv-aiko' }],
  ])('moves %s escalation to the team lead at its due time, with a new acknowledgement clock from now', (_name, state) => {
    const step = nextEscalationStep(openedEscalation(state), rules, roster, atDue);
    expect(step.kind).toBe('escalate');
    if (step.kind !== 'escalate') return;
    expect(step.escalation).toMatchObject({
      level: 2,
      assignee: 'ld-yui',
      status: 'open',
      warned: false,
      ackDueAt: '2026-03-10T01:00:00.000Z', // 4 business hours after Monday 15:00 JST: Tuesday 10:00
      warnAt: '2026-03-09T09:00:00.000Z', // after 3: Monday 18:00, at closing
      resolveDueAt: '2026-03-11T01:00:00.000Z',
    });
    expect(step.escalation).not.toHaveProperty('claimedBy');
    expect(step.escalation.audit.at(-1)).toMatchObject({
      actor: 'sla-watcher',
      action: 'escalate',
      detail: { fromLevel: '1', toLevel: '2', from: 'sv-aiko', to: 'ld-yui' },
    });
  });

  it('moves from the lead to the head of support', () => {
    const step = nextEscalationStep(openedEscalation({ level: 2, assignee: 'ld-yui' }), rules, roster, atDue);
    expect(step).toMatchObject({ kind: 'escalate', escalation: { level: 3, assignee: 'hd-eve' } });
  });

  it('passes over an away lead, straight to the head', () => {
    const step = nextEscalationStep(openedEscalation(), rules, { ...roster, lead: { id: 'ld-yui', away: true } }, atDue);
    expect(step).toMatchObject({ kind: 'escalate', escalation: { level: 3, assignee: 'hd-eve' } });
  });

  it('passes over the lead when the complaint is about them', () => {
    const step = nextEscalationStep(openedEscalation({ subjectAgentId: 'ld-yui' }), rules, roster, atDue);
    expect(step).toMatchObject({ kind: 'escalate', escalation: { level: 3, assignee: 'hd-eve' } });
  });

  it("follows a team's own chain", () => {
    const shortChain = rulesWith((draft) => (draft.teams['japan-support'].chain = ['supervisors', 'head']));
    const step = nextEscalationStep(openedEscalation(), shortChain, roster, atDue);
    expect(step).toMatchObject({ kind: 'escalate', escalation: { level: 2, assignee: 'hd-eve' } });
  });

  it('flags a breach once at the top of the chain and stays there', () => {
    const atTop = openedEscalation({ level: 3, assignee: 'hd-eve' });
    const step = nextEscalationStep(atTop, rules, roster, atDue);
    expect(step).toMatchObject({ kind: 'breach', escalation: { level: 3, assignee: 'hd-eve', breached: true } });
    if (step.kind !== 'breach') return;
    expect(step.escalation.audit.at(-1)).toMatchObject({ actor: 'sla-watcher', action: 'breach' });
    expect(nextEscalationStep(step.escalation, rules, roster, at('2026-03-20T00:00:00Z'))).toEqual({ kind: 'none' });
  });

  it('gives the same step for the same state and time, and nothing more once that step is stored', () => {
    const escalation = openedEscalation();
    const first = nextEscalationStep(escalation, rules, roster, atDue);
    expect(nextEscalationStep(escalation, rules, roster, atDue)).toEqual(first);
    if (first.kind !== 'escalate') throw new Error('expected an escalation step');
    expect(nextEscalationStep(first.escalation, rules, roster, atDue)).toEqual({ kind: 'none' });
    expect(escalation.audit).toHaveLength(1);
  });
});
