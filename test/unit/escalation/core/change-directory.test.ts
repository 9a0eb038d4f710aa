import { describe, expect, it } from 'vitest';
import type { SupervisorDirectory } from '../../../../functions/escalation/contracts/supervisor-directory.ts';
import { addSupervisor, isInDirectory, moveSupervisor, setAway, setLead } from '../../../../functions/escalation/core/change-directory.ts';

const directory: SupervisorDirectory = {
  head: { id: 'head-hugo', email: 'hugo@example.com' },
  teams: {
    'japan-support': { supervisors: [{ id: 'sup-haruto', email: 'haruto@example.com' }], lead: { id: 'lead-kenji', email: 'kenji@example.com' } },
    'cloud-platform': {
      supervisors: [
        { id: 'sup-dev', email: 'dev@example.com' },
        { id: 'sup-eva', email: 'eva@example.com' },
      ],
      lead: { id: 'lead-femi', email: 'femi@example.com' },
    },
  },
};

describe('changing the supervisor directory', () => {
  it('adds a supervisor at the end of the team’s round-robin, leaving the other teams and the original as they were', () => {
    const changed = addSupervisor(directory, 'japan-support', { id: 'sup-mei', email: 'mei@example.com' });
    expect(changed.teams['japan-support']!.supervisors.map((person) => person.id)).toEqual(['sup-haruto', 'sup-mei']);
    expect(changed.teams['cloud-platform']).toBe(directory.teams['cloud-platform']);
    expect(directory.teams['japan-support']!.supervisors).toHaveLength(1);
  });

  it.each([
    ['a team it lacks', () => addSupervisor(directory, 'mars-support', { id: 'sup-zed', email: 'zed@example.com' }), 'unknown_team'],
    ['a team named like an Object member', () => addSupervisor(directory, 'constructor', { id: 'sup-zed', email: 'zed@example.com' }), 'unknown_team'],
    ['someone listed already', () => addSupervisor(directory, 'japan-support', { id: 'lead-femi', email: 'femi@example.com' }), 'already_listed'],
    ['moving someone who is no supervisor', () => moveSupervisor(directory, 'lead-kenji', 'cloud-platform'), 'unknown_person'],
    ['moving a team’s only supervisor', () => moveSupervisor(directory, 'sup-haruto', 'cloud-platform'), 'last_supervisor'],
    ['marking away someone it does not list', () => setAway(directory, 'sup-nobody', true), 'unknown_person'],
  ])('refuses %s with a code', (_case, change, code) => {
    expect(change).toThrow(expect.objectContaining({ code, kind: 'invalid_request' }));
  });

  it('moves a supervisor to the end of another team, keeping their away mark', () => {
    const away = setAway(directory, 'sup-eva', true);
    const moved = moveSupervisor(away, 'sup-eva', 'japan-support');
    expect(moved.teams['japan-support']!.supervisors).toEqual([
      { id: 'sup-haruto', email: 'haruto@example.com' },
      { id: 'sup-eva', email: 'eva@example.com', away: true },
    ]);
    expect(moved.teams['cloud-platform']!.supervisors.map((person) => person.id)).toEqual(['sup-dev']);
  });

  it('marks anyone away and back, the head and leads too, without leaving `away: false` behind', () => {
    const away = setAway(setAway(directory, 'head-hugo', true), 'lead-femi', true);
    expect(away.head).toEqual({ id: 'head-hugo', email: 'hugo@example.com', away: true });
    expect(away.teams['cloud-platform']!.lead).toMatchObject({ away: true });
    expect(setAway(away, 'lead-femi', false).teams['cloud-platform']!.lead).toEqual({ id: 'lead-femi', email: 'femi@example.com' });
  });

  it('makes someone new the team’s lead, the one replaced leaving the directory', () => {
    const changed = setLead(directory, 'japan-support', { id: 'lead-aiko', email: 'aiko@example.com' });
    expect(changed.teams['japan-support']!.lead).toEqual({ id: 'lead-aiko', email: 'aiko@example.com' });
    expect(isInDirectory(changed, 'lead-kenji')).toBe(false);
    expect(isInDirectory(changed, 'lead-aiko')).toBe(true);
  });
});
