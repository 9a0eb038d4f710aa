import { describe, expect, it } from 'vitest';
import { twoTeams } from '../../../helpers/organisation-directory.ts';
import { addSupervisor, isInDirectory, moveSupervisor, setAway, setAwayPeriods, setLead } from '../../../../functions/escalation/core/change-directory.ts';
import { assertMaySetAwayOf, peopleInReach } from '../../../../functions/escalation/core/people-in-reach.ts';
import { isAwayAt, rostersOf } from '../../../../functions/escalation/core/supervisor-directory.ts';

const directory = twoTeams;

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
    ['away dates for someone it does not list', () => setAwayPeriods(directory, 'sup-nobody', [], new Date()), 'unknown_person'],
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

// Yui's week of leave in Tokyo: Monday 7 December to Friday 11 December 2026, both included.
const leave = { from: '2026-12-07T00:00:00+09:00', until: '2026-12-12T00:00:00+09:00' };
const at = (instant: string) => new Date(instant);

describe('away dates', () => {
  it('counts someone away from the first instant of a period up to, not including, its end', () => {
    const yui = { id: 'sup-yui', email: 'yui@example.com', awayPeriods: [leave] };
    expect(isAwayAt(yui, at('2026-12-06T14:59:59.999Z'))).toBe(false);
    expect(isAwayAt(yui, at('2026-12-06T15:00:00Z'))).toBe(true);
    expect(isAwayAt(yui, at('2026-12-11T14:59:59.999Z'))).toBe(true);
    expect(isAwayAt(yui, at('2026-12-11T15:00:00Z'))).toBe(false);
    expect(isAwayAt({ id: 'sup-yui', email: 'yui@example.com', away: true }, at('2030-01-01T00:00:00Z'))).toBe(true);
  });

  it('takes a supervisor out of the round-robin only while their period runs, the lead and head too', () => {
    const planned = setAwayPeriods(setAwayPeriods(directory, 'sup-eva', [leave], at('2026-12-01T00:00:00Z')), 'lead-femi', [leave], at('2026-12-01T00:00:00Z'));
    expect(rostersOf(planned, at('2026-12-08T03:00:00Z'))['cloud-platform']).toMatchObject({
      supervisors: [{ id: 'sup-dev' }, { id: 'sup-eva', away: true }],
      lead: { id: 'lead-femi', away: true },
    });
    expect(rostersOf(planned, at('2026-12-14T03:00:00Z'))['cloud-platform']).toEqual({
      supervisors: [{ id: 'sup-dev' }, { id: 'sup-eva' }],
      lead: { id: 'lead-femi' },
      head: { id: 'head-hugo' },
    });
  });

  it('keeps the periods earliest first, drops the ended ones, and clears the list with an empty one', () => {
    const later = { from: '2027-03-01T00:00:00Z', until: '2027-03-08T00:00:00Z' };
    const ended = { from: '2026-11-02T00:00:00Z', until: '2026-11-06T00:00:00Z' };
    const set = setAwayPeriods(directory, 'sup-eva', [later, ended, leave], at('2026-12-04T12:00:00Z'));
    expect(set.teams['cloud-platform']!.supervisors[1]).toEqual({ id: 'sup-eva', email: 'eva@example.com', awayPeriods: [leave, later] });
    // A period that is running is kept; cleared, no empty list is left behind.
    expect(setAwayPeriods(set, 'sup-eva', [leave], at('2026-12-09T00:00:00Z')).teams['cloud-platform']!.supervisors[1]!.awayPeriods).toEqual([leave]);
    expect(setAwayPeriods(set, 'sup-eva', [], at('2026-12-04T12:00:00Z')).teams['cloud-platform']!.supervisors[1]).toEqual({
      id: 'sup-eva',
      email: 'eva@example.com',
    });
  });
});

describe('whose away dates someone sets', () => {
  const now = at('2026-12-08T03:00:00Z');
  const planned = setAwayPeriods(directory, 'sup-eva', [leave], at('2026-12-01T00:00:00Z'));
  const admin = { id: 'admin-grace', role: 'admin', teams: [] } as const;
  const lead = { id: 'lead-femi', role: 'lead', teams: ['cloud-platform'] } as const;
  const supervisor = { id: 'sup-eva', role: 'supervisor', teams: ['cloud-platform'] } as const;

  it('shows an admin everyone, a lead their team, a supervisor themselves, each with whether they are away now', () => {
    expect(peopleInReach(admin, planned, now).map(({ id }) => id)).toEqual(['head-hugo', 'lead-kenji', 'sup-haruto', 'lead-femi', 'sup-dev', 'sup-eva']);
    expect(peopleInReach(lead, planned, now).map(({ id }) => id)).toEqual(['lead-femi', 'sup-dev', 'sup-eva']);
    expect(peopleInReach(supervisor, planned, now)).toEqual([
      { id: 'sup-eva', team: 'cloud-platform', place: 'supervisor', away: false, awayPeriods: [leave], awayNow: true },
    ]);
    expect(peopleInReach(admin, planned, now)[0]).toEqual({ id: 'head-hugo', place: 'head', away: false, awayPeriods: [], awayNow: false });
  });

  it.each([
    ['a supervisor, someone else', supervisor, 'sup-dev', 'forbidden'],
    ['a supervisor, their lead', supervisor, 'lead-femi', 'forbidden'],
    ['a lead, another team', lead, 'sup-haruto', 'forbidden'],
    ['a lead, the head of support', lead, 'head-hugo', 'forbidden'],
    ['a lead, nobody', lead, 'sup-nobody', 'forbidden'],
    ['an admin, nobody', admin, 'sup-nobody', 'person_not_found'],
    ['an admin, a name like an Object member', admin, 'constructor', 'person_not_found'],
  ])('refuses %s', (_case, actor, id, code) => {
    expect(() => assertMaySetAwayOf(actor, planned, id, now)).toThrow(expect.objectContaining({ code }));
  });

  it.each([
    ['a supervisor, themselves', supervisor, 'sup-eva'],
    ['a lead, themselves', lead, 'lead-femi'],
    ['a lead, their supervisor', lead, 'sup-dev'],
    ['an admin, the head of support', admin, 'head-hugo'],
  ])('lets %s', (_case, actor, id) => {
    expect(() => assertMaySetAwayOf(actor, planned, id, now)).not.toThrow();
  });
});
