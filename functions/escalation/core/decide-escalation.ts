import type { CustomerTier, EscalationRules, Severity } from '../contracts/escalation-rules.ts';
import { SEVERITIES } from '../contracts/escalation-rules.ts';
import { addBusinessMinutes } from './business-time.ts';
import { chooseAssignee } from './choose-assignee.ts';
import { containsKeyword } from './contains-keyword.ts';
import type { TeamRoster } from './escalation.ts';
import { EscalationRulesError } from './errors.ts';
import { ownValue } from '../../platform/own-value.ts';
import { acknowledgementClock, slaCalendarOf } from './sla-clock.ts';

const DAY = 24 * 60 * 60_000;

/** What the case context (`POST /cases/resolved`) says about the customer. */
export type CustomerContext = {
  readonly id: string;
  readonly tier: CustomerTier;
  readonly region?: string;
  readonly language?: string;
  readonly product?: string;
  /** The team that handled the case; when the rules know it, the complaint goes back to it. */
  readonly team?: string;
};

/** A stored complaint, or a survey response whose CSAT score is final (`confirmed`). */
export type EscalationInput =
  | { readonly kind: 'complaint'; readonly caseId?: string; readonly category: string; readonly description: string; readonly customer: CustomerContext }
  | {
      readonly kind: 'csat';
      readonly caseId?: string;
      readonly score: number;
      readonly confirmed: boolean;
      readonly comment?: string;
      readonly customer: CustomerContext;
    };

export type DecisionContext = {
  /** When the same customer's earlier complaints were filed, at least as far back as the longest repeat window. */
  readonly previousComplaintsAt: readonly string[];
  readonly rosters: Readonly<Record<string, TeamRoster>>;
  /** Per team, the supervisor assigned last. */
  readonly roundRobinCursors: Readonly<Record<string, string | undefined>>;
  /** The agent the complaint is about. */
  readonly subjectAgentId?: string;
};

export type EscalationDecision =
  | { readonly escalate: false; readonly reason: 'csat_not_confirmed' | 'csat_not_low' | 'below_escalation_severity'; readonly appliedRules: readonly string[] }
  | {
      readonly escalate: true;
      readonly severity: Severity;
      readonly team: string;
      readonly tier: CustomerTier;
      readonly region: string;
      readonly assignee: string;
      readonly level: number;
      readonly ackDueAt: string;
      readonly warnAt: string;
      readonly resolveDueAt: string;
      readonly guaranteed: boolean;
      readonly nextRoundRobinCursor: string | undefined;
      readonly appliedRules: readonly string[];
    };

const rank = (severity: Severity) => SEVERITIES.indexOf(severity);
const primaryLanguage = (tag: string | undefined) => tag?.split('-')[0]?.toLowerCase();

type SeverityRule = EscalationRules['severityRules'][number];

const matchesSeverityRule = ({ when }: SeverityRule, input: EscalationInput, previousComplaintsAt: readonly string[], now: Date) => {
  const text = input.kind === 'complaint' ? input.description : (input.comment ?? '');
  const { repeatComplaints } = when;
  return (
    (!when.categories || (input.kind === 'complaint' && when.categories.includes(input.category))) &&
    (!when.tiers || when.tiers.includes(input.customer.tier)) &&
    (!when.keywords || when.keywords.some((keyword) => containsKeyword(text, keyword))) &&
    (when.csatAtMost === undefined || (input.kind === 'csat' && input.score <= when.csatAtMost)) &&
    (!repeatComplaints ||
      previousComplaintsAt.filter((at) => {
        const time = Date.parse(at);
        return time <= now.getTime() && time > now.getTime() - repeatComplaints.withinDays * DAY;
      }).length >= repeatComplaints.count)
  );
};

const routeToTeam = (rules: EscalationRules, customer: CustomerContext, region: string) => {
  if (customer.team !== undefined && Object.hasOwn(rules.teams, customer.team)) return { team: customer.team, applied: 'routing/case-team' };
  const rule = rules.routing.rules.find(
    ({ when }) =>
      (!when.products || when.products.some((product) => product.toLowerCase() === customer.product?.toLowerCase())) &&
      (!when.regions || when.regions.includes(region)) &&
      (!when.languages || when.languages.includes(primaryLanguage(customer.language) ?? '')),
  );
  return rule ? { team: rule.team, applied: `routing/${rule.id}` } : { team: rules.routing.defaultTeam, applied: 'routing/default-team' };
};

/**
 * Decides whether a complaint or a confirmed low CSAT is escalated and, if so, to whom and on
 * what clock: the highest severity among matching rules, the first matching routing rule's team,
 * the next available supervisor in turn (never the agent complained about; the lead when none
 * is free), and due times in the region's business time. Pure: the consumer stores the result
 * and the new round-robin cursor in one transaction.
 *
 * @example
 * ```ts
 * const decision = decideEscalation(
 *   { kind: 'complaint', category: 'attitude', description: 'Rude reply', customer: { id: 'c-1', tier: 'premium', region: 'jp', language: 'ja' } },
 *   defaultEscalationRules,
 *   { previousComplaintsAt: [], rosters, roundRobinCursors: {}, subjectAgentId: 'ag-ken' },
 *   new Date(),
 * );
 * if (decision.escalate) decision.assignee; // e.g. 'sv-aiko'
 * ```
 */
export const decideEscalation = (input: EscalationInput, rules: EscalationRules, context: DecisionContext, now: Date): EscalationDecision => {
  if (input.kind === 'csat' && !input.confirmed) return { escalate: false, reason: 'csat_not_confirmed', appliedRules: [] };

  const matched = rules.severityRules.filter((rule) => matchesSeverityRule(rule, input, context.previousComplaintsAt, now));
  const appliedRules = matched.map(({ id }) => `severity/${id}`);
  if (input.kind === 'csat' && !matched.some(({ when }) => when.csatAtMost !== undefined)) return { escalate: false, reason: 'csat_not_low', appliedRules };
  const severity = matched.reduce<Severity>((highest, rule) => (rank(rule.severity) > rank(highest) ? rule.severity : highest), rules.defaultSeverity);
  if (rank(severity) < rank(rules.escalateFrom)) return { escalate: false, reason: 'below_escalation_severity', appliedRules };

  const { customer } = input;
  // Own keys only: a region or team named "constructor" or "toString" is one the rules do not know.
  const region = customer.region !== undefined && Object.hasOwn(rules.regions, customer.region) ? customer.region : rules.defaultRegion;
  if (region !== customer.region) appliedRules.push('region/default-region');
  const { team, applied } = routeToTeam(rules, customer, region);
  appliedRules.push(applied);

  const roster = ownValue(context.rosters, team);
  if (!roster) throw new EscalationRulesError('unknown_team', `No roster for team "${team}".`);
  const chain = ownValue(rules.teams, team)?.chain ?? rules.defaultChain;
  const assignment = chooseAssignee(chain, 1, roster, { cursor: ownValue(context.roundRobinCursors, team), subjectAgentId: context.subjectAgentId });
  appliedRules.push(...assignment.notes);

  const { guaranteed, severities } = rules.sla[customer.tier];
  return {
    escalate: true,
    severity,
    team,
    tier: customer.tier,
    region,
    assignee: assignment.assignee,
    level: assignment.level,
    ...acknowledgementClock(rules, { tier: customer.tier, severity, region }, now),
    resolveDueAt: addBusinessMinutes(now, severities[severity].resolveWithinMinutes, slaCalendarOf(rules, customer.tier, region)).toISOString(),
    guaranteed,
    nextRoundRobinCursor: assignment.nextRoundRobinCursor,
    appliedRules,
  };
};
