import type { EscalationSummary } from '../../../functions/escalation/contracts/supervisor-api.ts';

export interface QueueOverview {
  /** Unresolved escalations by team, then by severity. */
  readonly openByTeam: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Unresolved escalations past their acknowledgement (when not yet acknowledged) or resolution due time. */
  readonly overdue: number;
  /** Escalations whose acknowledgement or resolution due time passed unmet since Monday 00:00 (viewer's time). */
  readonly breachesThisWeek: number;
}

const isUnresolved = (escalation: EscalationSummary) => escalation.status !== 'resolved';
const ackMissed = (escalation: EscalationSummary, at: number) =>
  (escalation.status === 'open' || escalation.status === 'claimed') && Date.parse(escalation.ackDueAt) < at;
const resolveMissed = (escalation: EscalationSummary, at: number) => isUnresolved(escalation) && Date.parse(escalation.resolveDueAt) < at;

/**
 * Monday 00:00 of `now`'s week in the runtime's time zone.
 *
 * @internal exported for its tests only
 */
export const startOfWeek = (now: Date): Date => {
  const start = new Date(now);
  start.setHours(0, 0, 0, 0);
  start.setDate(start.getDate() - ((start.getDay() + 6) % 7));
  return start;
};

/**
 * The console's overview, computed from the listing the console already holds (no extra API):
 * open escalations by team and severity, how many are overdue now, and how many due times fell
 * unmet this week. A resolved escalation is not in the default listing, so breaches of those are
 * not counted: the overview says what is still on the table.
 *
 * @example
 * ```ts
 * queueOverview(escalations, new Date()); // { openByTeam: { 'general-support': { high: 2 } }, overdue: 1, breachesThisWeek: 1 }
 * ```
 */
export const queueOverview = (escalations: readonly EscalationSummary[], now: Date): QueueOverview => {
  // Maps, not plain objects: a team named "__proto__" or "constructor" is a row like any other.
  const openByTeam = new Map<string, Map<string, number>>();
  const at = now.getTime();
  const weekStart = startOfWeek(now).getTime();
  let overdue = 0;
  let breachesThisWeek = 0;
  for (const escalation of escalations.filter(isUnresolved)) {
    const team = openByTeam.get(escalation.team) ?? new Map<string, number>();
    openByTeam.set(escalation.team, team);
    team.set(escalation.severity, (team.get(escalation.severity) ?? 0) + 1);
    if (ackMissed(escalation, at) || resolveMissed(escalation, at)) overdue += 1;
    if (ackMissed(escalation, at) && Date.parse(escalation.ackDueAt) >= weekStart) breachesThisWeek += 1;
    if (resolveMissed(escalation, at) && Date.parse(escalation.resolveDueAt) >= weekStart) breachesThisWeek += 1;
  }
  return {
    openByTeam: Object.fromEntries([...openByTeam].map(([team, counts]) => [team, Object.fromEntries(counts)])),
    overdue,
    breachesThisWeek,
  };
};
