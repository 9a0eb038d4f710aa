import type { AwayPeriod, SupervisorDirectory } from '../contracts/supervisor-directory.ts';
import { CodedError, type ProblemKind } from '../../platform/coded-error.ts';

/** A directory change that does not fit the directory: a team it lacks, a person it has already or not at all, a region the rules lack. */
export class DirectoryChangeError extends CodedError<
  'unknown_team' | 'unknown_person' | 'already_listed' | 'last_supervisor' | 'unknown_region' | 'added_and_removed'
> {
  override readonly name = 'DirectoryChangeError';
  override readonly kind: ProblemKind = 'invalid_request';
}

type Team = SupervisorDirectory['teams'][string];

const teamOf = (directory: SupervisorDirectory, team: string): Team => {
  if (!Object.hasOwn(directory.teams, team)) {
    throw new DirectoryChangeError('unknown_team', `The directory has no team ${team}; its teams are ${Object.keys(directory.teams).join(', ')}.`);
  }
  return directory.teams[team]!;
};

/** Whether the directory lists `id` anywhere: head, lead or supervisor. */
export const isInDirectory = (directory: SupervisorDirectory, id: string): boolean =>
  directory.head.id === id || Object.values(directory.teams).some(({ supervisors, lead }) => lead.id === id || supervisors.some((person) => person.id === id));

const withTeam = (directory: SupervisorDirectory, team: string, next: Team): SupervisorDirectory => ({
  ...directory,
  teams: Object.fromEntries(Object.entries(directory.teams).map(([name, current]) => [name, name === team ? next : current])),
});

/**
 * Puts a supervisor at the end of a team's round-robin (a new hire's first escalation comes after
 * everyone else's turn). Refuses a team the directory lacks and a user it lists already.
 *
 * @example
 * addSupervisor(directory, 'japan-support', { id: 'sup-japan-mei', email: 'mei@example.com' });
 */
export function addSupervisor(directory: SupervisorDirectory, team: string, person: { id: string; name?: string; email: string }): SupervisorDirectory {
  const current = teamOf(directory, team);
  if (isInDirectory(directory, person.id)) throw new DirectoryChangeError('already_listed', `${person.id} is in the directory already.`);
  return withTeam(directory, team, { ...current, supervisors: [...current.supervisors, { ...person }] });
}

/** Makes `person` the team's lead; the lead they replace leaves the directory (add them again as a supervisor if they stay). */
export function setLead(directory: SupervisorDirectory, team: string, person: { id: string; name?: string; email: string }): SupervisorDirectory {
  const current = teamOf(directory, team);
  if (isInDirectory(directory, person.id) && current.lead.id !== person.id)
    throw new DirectoryChangeError('already_listed', `${person.id} is in the directory already.`);
  return withTeam(directory, team, { ...current, lead: { ...person } });
}

/** Moves a supervisor to the end of another team's round-robin; a team's only supervisor stays until it has another. */
export function moveSupervisor(directory: SupervisorDirectory, id: string, toTeam: string): SupervisorDirectory {
  const target = teamOf(directory, toTeam);
  const from = Object.entries(directory.teams).find(([, team]) => team.supervisors.some((person) => person.id === id));
  if (from === undefined) throw new DirectoryChangeError('unknown_person', `${id} is no supervisor of any team.`);
  const [fromTeam, source] = from;
  if (fromTeam === toTeam) return directory;
  if (source.supervisors.length === 1) throw new DirectoryChangeError('last_supervisor', `${id} is the only supervisor of ${fromTeam}: add another first.`);
  const person = source.supervisors.find((candidate) => candidate.id === id)!;
  const moved = withTeam(directory, fromTeam, { ...source, supervisors: source.supervisors.filter((candidate) => candidate.id !== id) });
  return withTeam(moved, toTeam, { ...target, supervisors: [...target.supervisors, person] });
}

type Person = SupervisorDirectory['head'];

/** The directory with `change` applied to the person `id`, wherever they are listed; refuses someone it does not list. */
function withPerson(directory: SupervisorDirectory, id: string, change: (person: Person) => Person): SupervisorDirectory {
  if (!isInDirectory(directory, id)) throw new DirectoryChangeError('unknown_person', `${id} is not in the directory.`);
  const changed = (person: Person) => (person.id === id ? change(person) : person);
  return {
    ...directory,
    head: changed(directory.head),
    teams: Object.fromEntries(
      Object.entries(directory.teams).map(([name, team]) => [name, { supervisors: team.supervisors.map(changed), lead: changed(team.lead) }]),
    ),
  };
}

/** Marks a person away (skipped by round-robin; a lead away is passed over for the head) or back. */
export function setAway(directory: SupervisorDirectory, id: string, away: boolean): SupervisorDirectory {
  return withPerson(directory, id, ({ away: _away, ...rest }) => (away ? { ...rest, away: true } : rest));
}

/**
 * Sets a person's planned away periods (the whole list: the console edits it as one), earliest
 * first; periods that have ended by `now` are dropped, so the list never fills with the past.
 *
 * @example
 * setAwayPeriods(directory, 'sup-japan-yui', [{ from: '2026-12-07T00:00:00+09:00', until: '2026-12-12T00:00:00+09:00' }], now);
 */
export function setAwayPeriods(directory: SupervisorDirectory, id: string, periods: readonly AwayPeriod[], now: Date): SupervisorDirectory {
  const planned = periods.filter(({ until }) => Date.parse(until) > now.getTime()).sort((a, b) => Date.parse(a.from) - Date.parse(b.from));
  return withPerson(directory, id, ({ awayPeriods: _periods, ...rest }) => (planned.length === 0 ? rest : { ...rest, awayPeriods: planned }));
}
