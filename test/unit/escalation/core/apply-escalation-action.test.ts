import { describe, expect, it } from 'vitest';
import type { EscalationAction, EscalationActor } from '../../../../functions/escalation/core/apply-escalation-action.ts';
import { applyEscalationAction, nextActions } from '../../../../functions/escalation/core/apply-escalation-action.ts';
import type { Escalation, TeamMembers } from '../../../../functions/escalation/core/escalation.ts';
import { openedEscalation } from './escalation-fixtures.ts';

const now = new Date('2026-03-09T02:00:00Z');
const aiko: EscalationActor = { id: 'sv-aiko', role: 'supervisor', teams: ['japan-support'] };
const ren: EscalationActor = { id: 'sv-ren', role: 'supervisor', teams: ['japan-support'] };
const yui: EscalationActor = { id: 'ld-yui', role: 'lead', teams: ['japan-support'] };
const claimedBy = (holder: string, status: 'claimed' | 'acknowledged' = 'claimed') => openedEscalation({ status, claimedBy: holder, assignee: holder });
// The directory's teams as a reassign sees them: each team's supervisors and lead.
const teamMembers: TeamMembers = new Map([
  ['japan-support', new Set(['sv-aiko', 'sv-ren', 'ld-yui'])],
  ['cloud-platform', new Set(['sv-kim', 'sv-lee', 'ld-max'])],
]);
const resolved = openedEscalation({ status: 'resolved', claimedBy: 'sv-aiko', resolvedAt: '2026-03-09T01:30:00Z', resolution: 'Refunded.' });

const actions: Record<EscalationAction['type'], EscalationAction> = {
  claim: { type: 'claim' },
  ack: { type: 'ack' },
  note: { type: 'note', text: 'Called the customer back.' },
  reassign: { type: 'reassign', to: 'sv-ren', teamMembers },
  resolve: { type: 'resolve', resolution: 'We refunded the month.' },
};

const attempt = (escalation: Escalation, action: EscalationAction, actor: EscalationActor) => {
  try {
    return applyEscalationAction(escalation, action, actor, now);
  } catch (error) {
    return error as Error & { code: string; holder?: string };
  }
};

describe('applyEscalationAction', () => {
  // Every action by every role, on the actor's own team and on another: only admins reach across
  // teams, and only leads and admins reassign. Resolve is tried on an escalation the actor holds.
  describe('authorization', () => {
    const matrix: [EscalationAction['type'], EscalationActor['role'], 'same team' | 'other team', 'allowed' | 'forbidden'][] = [
      ['claim', 'supervisor', 'same team', 'allowed'],
      ['claim', 'supervisor', 'other team', 'forbidden'],
      ['claim', 'lead', 'same team', 'allowed'],
      ['claim', 'lead', 'other team', 'forbidden'],
      ['claim', 'admin', 'same team', 'allowed'],
      ['claim', 'admin', 'other team', 'allowed'],
      ['ack', 'supervisor', 'same team', 'allowed'],
      ['ack', 'supervisor', 'other team', 'forbidden'],
      ['ack', 'lead', 'same team', 'allowed'],
      ['ack', 'lead', 'other team', 'forbidden'],
      ['ack', 'admin', 'same team', 'allowed'],
      ['ack', 'admin', 'other team', 'allowed'],
      ['note', 'supervisor', 'same team', 'allowed'],
      ['note', 'supervisor', 'other team', 'forbidden'],
      ['note', 'lead', 'same team', 'allowed'],
      ['note', 'lead', 'other team', 'forbidden'],
      ['note', 'admin', 'same team', 'allowed'],
      ['note', 'admin', 'other team', 'allowed'],
      ['reassign', 'supervisor', 'same team', 'forbidden'],
      ['reassign', 'supervisor', 'other team', 'forbidden'],
      ['reassign', 'lead', 'same team', 'allowed'],
      ['reassign', 'lead', 'other team', 'forbidden'],
      ['reassign', 'admin', 'same team', 'allowed'],
      ['reassign', 'admin', 'other team', 'allowed'],
      ['resolve', 'supervisor', 'same team', 'allowed'],
      ['resolve', 'supervisor', 'other team', 'forbidden'],
      ['resolve', 'lead', 'same team', 'allowed'],
      ['resolve', 'lead', 'other team', 'forbidden'],
      ['resolve', 'admin', 'same team', 'allowed'],
      ['resolve', 'admin', 'other team', 'allowed'],
    ];

    it.each(matrix)('%s by a %s of the %s is %s', (type, role, scope, outcome) => {
      const actor: EscalationActor = { id: `${role}-1`, role, teams: [scope === 'same team' ? 'japan-support' : 'general-support'] };
      const escalation = type === 'resolve' ? claimedBy(actor.id) : openedEscalation();
      const result = attempt(escalation, actions[type], actor);
      if (outcome === 'allowed') expect(result).toMatchObject({ entry: { actor: actor.id, action: type } });
      else expect(result).toMatchObject({ name: 'EscalationActionError', code: 'forbidden' });
    });
  });

  it('claims an open escalation for the actor, appending one audit entry and leaving the input as it was', () => {
    const before = openedEscalation();
    const { escalation, entry } = applyEscalationAction(before, { type: 'claim' }, ren, now);
    expect(escalation).toMatchObject({ status: 'claimed', claimedBy: 'sv-ren', assignee: 'sv-ren' });
    expect(entry).toEqual({ at: now.toISOString(), actor: 'sv-ren', action: 'claim', detail: {} });
    expect(escalation.audit).toEqual([...before.audit, entry]);
    expect(before).toEqual(openedEscalation());
  });

  it.each([
    ['claimed', claimedBy('sv-aiko')],
    ['acknowledged', claimedBy('sv-aiko', 'acknowledged')],
  ])('refuses to claim an escalation another supervisor has %s, naming the holder', (_name, escalation) => {
    expect(attempt(escalation, { type: 'claim' }, ren)).toMatchObject({
      code: 'already_claimed',
      holder: 'sv-aiko',
      message: expect.stringContaining('sv-aiko'),
    });
  });

  it('lets exactly one of two claims on the same state win', () => {
    const state = openedEscalation();
    const first = applyEscalationAction(state, { type: 'claim' }, aiko, now);
    expect(attempt(first.escalation, { type: 'claim' }, ren)).toMatchObject({ code: 'already_claimed', holder: 'sv-aiko' });
  });

  it.each([
    ['an open escalation, taking it', openedEscalation(), aiko],
    ['an escalation the actor claimed', claimedBy('sv-aiko'), aiko],
  ])('acknowledges %s, which stops its clock', (_name, escalation, actor) => {
    const result = applyEscalationAction(escalation, { type: 'ack' }, actor, now).escalation;
    expect(result).toMatchObject({ status: 'acknowledged', claimedBy: actor.id, assignee: actor.id, acknowledgedAt: now.toISOString() });
  });

  it.each<[string, Escalation, EscalationAction, EscalationActor, string]>([
    ['acknowledging what another holds', claimedBy('sv-aiko'), actions.ack, ren, 'already_claimed'],
    ['acknowledging twice', claimedBy('sv-aiko', 'acknowledged'), actions.ack, aiko, 'invalid_transition'],
    ['a blank note', openedEscalation(), { type: 'note', text: '  ' }, aiko, 'invalid_action'],
    ['a blank resolution', claimedBy('sv-aiko'), { type: 'resolve', resolution: '' }, aiko, 'invalid_action'],
    ['claiming a resolved escalation', resolved, actions.claim, ren, 'invalid_transition'],
    ['acknowledging a resolved escalation', resolved, actions.ack, aiko, 'invalid_transition'],
    ['reassigning a resolved escalation', resolved, actions.reassign, yui, 'invalid_transition'],
    ['resolving a resolved escalation', resolved, actions.resolve, aiko, 'invalid_transition'],
  ])('refuses %s', (_name, escalation, action, actor, code) => {
    expect(attempt(escalation, action, actor)).toMatchObject({ name: 'EscalationActionError', code });
  });

  it('keeps notes on a resolved escalation', () => {
    const { escalation } = applyEscalationAction(resolved, actions.note, aiko, now);
    expect(escalation).toMatchObject({ status: 'resolved' });
    expect(escalation.audit.at(-1)).toMatchObject({ action: 'note', detail: { text: 'Called the customer back.' } });
  });

  it('reassigns a claimed escalation as open to the new assignee, its clock unchanged', () => {
    const before = claimedBy('sv-aiko');
    const { escalation, entry } = applyEscalationAction(before, actions.reassign, yui, now);
    expect(escalation).toMatchObject({ status: 'open', assignee: 'sv-ren', ackDueAt: before.ackDueAt });
    expect(escalation).not.toHaveProperty('claimedBy');
    expect(entry.detail).toEqual({ from: 'sv-aiko', to: 'sv-ren' });
  });

  it('reassigns an acknowledged escalation as still acknowledged, now held by the new assignee', () => {
    const { escalation } = applyEscalationAction(claimedBy('sv-aiko', 'acknowledged'), actions.reassign, yui, now);
    expect(escalation).toMatchObject({ status: 'acknowledged', assignee: 'sv-ren', claimedBy: 'sv-ren' });
  });

  it('only ever appends to the audit trail, through a whole life', () => {
    const steps: [EscalationAction, EscalationActor][] = [
      [actions.claim, aiko],
      [actions.note, aiko],
      [actions.reassign, yui],
      [actions.ack, ren],
      [actions.resolve, ren],
    ];
    let escalation = openedEscalation();
    for (const [action, actor] of steps) {
      const next = applyEscalationAction(escalation, action, actor, now).escalation;
      expect(next.audit.slice(0, escalation.audit.length)).toEqual(escalation.audit);
      expect(next.audit).toHaveLength(escalation.audit.length + 1);
      escalation = next;
    }
    expect(escalation.audit.map(({ action }) => action)).toEqual(['open', 'claim', 'note', 'reassign', 'ack', 'resolve']);
  });
});

describe('resolving', () => {
  const admin: EscalationActor = { id: 'ad-zoe', role: 'admin', teams: [] };

  // Who may close an escalation, by its state: the holder always; a lead of its team or an admin
  // also over someone else's hold (work must not get stuck while the holder is away); a plain
  // supervisor only what they hold, and nobody's unclaimed escalation without claiming it first.
  it.each<[string, Escalation, EscalationActor, Record<string, string> | { code: string; holder: string | undefined }]>([
    ['the holder resolves what they claimed', claimedBy('sv-aiko'), aiko, { resolution: 'We refunded the month.' }],
    ['the holder resolves what they acknowledged', claimedBy('sv-aiko', 'acknowledged'), aiko, { resolution: 'We refunded the month.' }],
    ['a lead resolves what they hold', claimedBy('ld-yui'), yui, { resolution: 'We refunded the month.' }],
    ['a lead resolves over the holder', claimedBy('sv-aiko'), yui, { resolution: 'We refunded the month.', resolvedOver: 'sv-aiko' }],
    ['an admin resolves over the holder', claimedBy('sv-aiko', 'acknowledged'), admin, { resolution: 'We refunded the month.', resolvedOver: 'sv-aiko' }],
    ['a lead resolves an escalation nobody claimed', openedEscalation(), yui, { resolution: 'We refunded the month.' }],
    ['an admin resolves an escalation nobody claimed', openedEscalation(), admin, { resolution: 'We refunded the month.' }],
    ['a supervisor is refused what another holds, naming the holder', claimedBy('sv-aiko'), ren, { code: 'not_holder', holder: 'sv-aiko' }],
    ['a supervisor is refused an escalation nobody claimed (claim it first)', openedEscalation(), aiko, { code: 'not_holder', holder: undefined }],
  ])('%s', (_name, escalation, actor, expected) => {
    const result = attempt(escalation, actions.resolve, actor);
    if ('code' in expected) {
      expect(result).toMatchObject({ name: 'EscalationActionError', code: expected.code });
      expect((result as { holder?: string }).holder).toBe(expected.holder);
      return;
    }
    expect(result).toMatchObject({ escalation: { status: 'resolved', resolvedAt: now.toISOString() }, entry: { actor: actor.id, action: 'resolve' } });
    expect((result as { entry: { detail: unknown } }).entry.detail).toEqual(expected);
  });
});

describe('reassigning', () => {
  const admin: EscalationActor = { id: 'ad-zoe', role: 'admin', teams: [] };
  const reassign = (to: string, team?: string): EscalationAction => ({ type: 'reassign', to, teamMembers, ...(team === undefined ? {} : { team }) });

  it.each([
    ['a supervisor of its team', 'sv-ren'],
    ['the lead of its team', 'ld-yui'],
  ])('hands it to %s', (_name, to) => {
    const { escalation, entry } = applyEscalationAction(claimedBy('sv-aiko'), reassign(to), yui, now);
    expect(escalation).toMatchObject({ team: 'japan-support', assignee: to, status: 'open' });
    expect(entry.detail).toEqual({ from: 'sv-aiko', to });
  });

  it.each<[string, EscalationAction, EscalationActor, string]>([
    ["to another team's supervisor, who could not even see it", reassign('sv-kim'), yui, 'not_a_team_member'],
    ["to another team's supervisor, by an admin", reassign('sv-kim'), admin, 'not_a_team_member'],
    ['to someone in no team of the directory', reassign('nobody-at-all'), yui, 'unknown_assignee'],
    ['to the head of support, who is in no team', reassign('hd-eve'), admin, 'unknown_assignee'],
    ['to a team the directory does not have', reassign('sv-kim', 'billing'), yui, 'unknown_team'],
    ['moving it to another team, naming someone not in it', reassign('sv-ren', 'cloud-platform'), admin, 'not_a_team_member'],
    ['moving it to another team, naming someone in no team', reassign('nobody-at-all', 'cloud-platform'), admin, 'unknown_assignee'],
  ])('refuses a reassign %s', (_name, action, actor, code) => {
    const result = attempt(claimedBy('sv-aiko'), action, actor);
    expect(result).toMatchObject({ name: 'EscalationActionError', code, message: expect.any(String) });
  });

  it.each([
    ['a lead of its team', yui],
    ['an admin', admin],
  ])('lets %s move it to another team, naming a member of that team, and records both teams', (_name, actor) => {
    const before = claimedBy('sv-aiko');
    const { escalation, entry } = applyEscalationAction(before, reassign('sv-kim', 'cloud-platform'), actor, now);
    expect(escalation).toMatchObject({ team: 'cloud-platform', assignee: 'sv-kim', status: 'open', ackDueAt: before.ackDueAt, level: before.level });
    expect(entry).toEqual({
      at: now.toISOString(),
      actor: actor.id,
      action: 'reassign',
      detail: { from: 'sv-aiko', to: 'sv-kim', fromTeam: 'japan-support', toTeam: 'cloud-platform' },
    });
  });

  it('treats naming its own team as no move', () => {
    const { escalation, entry } = applyEscalationAction(claimedBy('sv-aiko'), reassign('sv-ren', 'japan-support'), yui, now);
    expect(escalation.team).toBe('japan-support');
    expect(entry.detail).toEqual({ from: 'sv-aiko', to: 'sv-ren' });
  });

  it.each([
    ['within its team', reassign('sv-ren')],
    ['to another team', reassign('sv-kim', 'cloud-platform')],
  ])('refuses a supervisor a reassign %s before looking at the target', (_name, action) => {
    expect(attempt(claimedBy('sv-aiko'), action, aiko)).toMatchObject({ code: 'forbidden' });
  });
});

describe('nextActions', () => {
  const admin: EscalationActor = { id: 'ad-eve', role: 'admin', teams: [] };
  const outsider: EscalationActor = { id: 'sv-kai', role: 'supervisor', teams: ['billing'] };

  it.each([
    ['an open escalation, to a supervisor of its team', openedEscalation(), aiko, ['claim', 'ack', 'notes']],
    ['an open escalation, to its lead', openedEscalation(), yui, ['claim', 'ack', 'notes', 'reassign', 'resolve']],
    ['an escalation the supervisor holds', claimedBy('sv-aiko'), aiko, ['ack', 'notes', 'resolve']],
    ['an escalation another supervisor holds', claimedBy('sv-ren'), aiko, ['notes']],
    ["another's claim, to the lead (who may resolve over it)", claimedBy('sv-ren'), yui, ['notes', 'reassign', 'resolve']],
    ['an acknowledged escalation, to its holder', claimedBy('sv-aiko', 'acknowledged'), aiko, ['notes', 'resolve']],
    ['a resolved escalation', resolved, aiko, ['notes']],
    ['an escalation of another team', openedEscalation(), outsider, []],
    ['an escalation, to an admin', claimedBy('sv-ren'), admin, ['notes', 'reassign', 'resolve']],
  ] as const)('offers %s exactly what applyEscalationAction would allow', (_name, escalation, actor, expected) => {
    expect(nextActions(escalation, actor, now)).toEqual(expected);
  });

  it('agrees with applyEscalationAction for every action, state and role', () => {
    const states = [openedEscalation(), claimedBy('sv-aiko'), claimedBy('sv-ren'), claimedBy('sv-aiko', 'acknowledged'), resolved];
    const realInput: Record<string, EscalationAction> = {
      claim: actions.claim,
      ack: actions.ack,
      notes: actions.note,
      reassign: { type: 'reassign', to: 'sv-ren', teamMembers },
      resolve: actions.resolve,
    };
    for (const escalation of states) {
      for (const actor of [aiko, ren, yui, admin, outsider]) {
        const offered = nextActions(escalation, actor, now);
        for (const [name, action] of Object.entries(realInput)) {
          expect(offered.includes(name as never), `${actor.id} ${name} on ${escalation.status}/${escalation.claimedBy}`).toBe(
            !(attempt(escalation, action, actor) instanceof Error),
          );
        }
      }
    }
  });
});
