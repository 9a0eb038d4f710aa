import type { PersonInReachView as PersonInReach } from '../contracts/supervisor-api.ts';
import type { SupervisorDirectory } from '../contracts/supervisor-directory.ts';
import type { EscalationActor } from './apply-escalation-action.ts';
import { PersonNotFoundError, SupervisorAccessError } from './errors.ts';
import { isAwayAt } from './supervisor-directory.ts';

type Person = SupervisorDirectory['head'];

const entryOf = (person: Person, place: PersonInReach['place'], team: string | undefined, now: Date): PersonInReach => ({
  id: person.id,
  ...(person.name === undefined ? {} : { name: person.name }),
  ...(team === undefined ? {} : { team }),
  place,
  away: person.away === true,
  awayPeriods: [...(person.awayPeriods ?? [])],
  awayNow: isAwayAt(person, now),
});

/**
 * The people whose away dates `actor` sees and sets: everyone for an admin, their own team
 * (supervisors and lead) for a lead, themselves for a supervisor. The head of support first, then
 * each team's lead and supervisors in round-robin order.
 *
 * @example
 * ```ts
 * peopleInReach({ id: 'lead-japan-kenji', role: 'lead', teams: ['japan-support'] }, directory, now).map(({ id }) => id);
 * // ['lead-japan-kenji', 'sup-japan-haruto', 'sup-japan-yui']
 * ```
 */
export const peopleInReach = (actor: EscalationActor, directory: SupervisorDirectory, now: Date): PersonInReach[] => {
  const everyone = [
    entryOf(directory.head, 'head', undefined, now),
    ...Object.entries(directory.teams).flatMap(([team, { supervisors, lead }]) => [
      entryOf(lead, 'lead', team, now),
      ...supervisors.map((person) => entryOf(person, 'supervisor', team, now)),
    ]),
  ];
  if (actor.role === 'admin') return everyone;
  if (actor.role === 'lead') return everyone.filter(({ team }) => team !== undefined && actor.teams.includes(team));
  return everyone.filter(({ id }) => id === actor.id);
};

/**
 * Refuses a change to `id`'s away dates by someone who may not make it: a supervisor sets their
 * own, a lead their team's, an admin anyone's. Only an admin learns that nobody has this id.
 *
 * @example
 * ```ts
 * assertMaySetAwayOf({ id: 'sup-japan-yui', role: 'supervisor', teams: ['japan-support'] }, directory, 'sup-japan-haruto', now); // throws forbidden
 * ```
 */
export const assertMaySetAwayOf = (actor: EscalationActor, directory: SupervisorDirectory, id: string, now: Date): void => {
  if (peopleInReach(actor, directory, now).some((person) => person.id === id)) return;
  if (actor.role === 'admin') throw new PersonNotFoundError('person_not_found', 'Nobody in the supervisor directory has this user name.');
  throw new SupervisorAccessError(
    'forbidden',
    actor.role === 'lead' ? "A lead sets the away dates of their own team's people only." : 'A supervisor sets their own away dates only.',
  );
};
