import type { SupervisorDirectory } from '../contracts/supervisor-directory.ts';
import type { TeamMembers, TeamRoster } from './escalation.ts';

type DirectoryPerson = SupervisorDirectory['head'];

/**
 * Whether someone takes no new work at `now`: marked away (until marked back), or inside one of
 * their away periods (from its start up to, not including, its end).
 *
 * @example
 * ```ts
 * isAwayAt({ id: 'sup-japan-yui', email, awayPeriods: [{ from: '2026-12-07T00:00:00+09:00', until: '2026-12-12T00:00:00+09:00' }] }, new Date('2026-12-08T03:00:00Z')); // true
 * ```
 */
export const isAwayAt = (person: DirectoryPerson, now: Date): boolean =>
  person.away === true || (person.awayPeriods ?? []).some(({ from, until }) => Date.parse(from) <= now.getTime() && now.getTime() < Date.parse(until));

/**
 * Each team's roster for `decideEscalation` and `chooseAssignee`, from the directory as it stands
 * at `now`: someone inside an away period is away.
 *
 * @example
 * ```ts
 * rostersOf(settings.directory, now)['japan-support']; // { supervisors: [{ id: 'sup-japan-haruto' }, …], lead: …, head: … }
 * ```
 */
export const rostersOf = (directory: SupervisorDirectory, now: Date): Record<string, TeamRoster> => {
  const member = (person: DirectoryPerson) => (isAwayAt(person, now) ? { id: person.id, away: true } : { id: person.id });
  return Object.fromEntries(
    Object.entries(directory.teams).map(([team, { supervisors, lead }]) => [
      team,
      { supervisors: supervisors.map(member), lead: member(lead), head: member(directory.head) },
    ]),
  );
};

/**
 * The address escalation emails to `userId` go to, or `undefined` for someone not in the directory.
 *
 * @example
 * ```ts
 * supervisorEmailOf(directory, 'head-hugo'); // 'hugo.bernard@example.com'
 * ```
 */
export const supervisorEmailOf = (directory: SupervisorDirectory, userId: string): string | undefined => {
  if (directory.head.id === userId) return directory.head.email;
  for (const { supervisors, lead } of Object.values(directory.teams)) {
    const found = [...supervisors, lead].find(({ id }) => id === userId);
    if (found) return found.email;
  }
  return undefined;
};

/**
 * Each listed person's name by user name, for the console to show people by name.
 *
 * @example
 * peopleNamesOf(directory).get('sup-japan-yui'); // 'Yui Tanaka'
 */
export const peopleNamesOf = (directory: SupervisorDirectory): ReadonlyMap<string, string> =>
  new Map(
    [directory.head, ...Object.values(directory.teams).flatMap(({ supervisors, lead }) => [...supervisors, lead])].flatMap(({ id, name }) =>
      name === undefined ? [] : [[id, name] as const],
    ),
  );

/**
 * Each team's current members, its supervisors and its lead (away or not: a lead may hand work to
 * someone who is back tomorrow), for the reassign rule. The head of support is in no team.
 *
 * @example
 * ```ts
 * teamMembersOf(directory).get('japan-support')?.has('lead-japan-kenji'); // true
 * ```
 */
export const teamMembersOf = (directory: SupervisorDirectory): TeamMembers =>
  new Map(Object.entries(directory.teams).map(([team, { supervisors, lead }]) => [team, new Set([...supervisors, lead].map(({ id }) => id))]));
