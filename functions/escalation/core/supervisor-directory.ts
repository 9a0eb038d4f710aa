import type { SupervisorDirectory } from '../contracts/supervisor-directory.ts';
import type { TeamMembers, TeamRoster } from './escalation.ts';

/**
 * Each team's roster for `decideEscalation` and `chooseAssignee`, from the configured directory.
 *
 * @example
 * ```ts
 * rostersOf(settings.directory)['japan-support']; // { supervisors: [{ id: 'sup-japan-haruto' }, …], lead: …, head: … }
 * ```
 */
export const rostersOf = (directory: SupervisorDirectory): Record<string, TeamRoster> => {
  const member = ({ id, away }: { id: string; away?: boolean | undefined }) => (away === undefined ? { id } : { id, away });
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
