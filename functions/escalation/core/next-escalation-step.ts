import type { EscalationRules } from '../contracts/escalation-rules.ts';
import { chooseAssignee } from './choose-assignee.ts';
import type { Escalation, TeamRoster } from './escalation.ts';
import { EscalationRulesError } from './errors.ts';
import { ownValue } from '../../platform/own-value.ts';
import { acknowledgementClock } from './sla-clock.ts';

/** The actor the SLA watcher writes in the audit trail. */
const SLA_WATCHER = 'sla-watcher';

export type EscalationStep =
  | { readonly kind: 'none' }
  /** Unacknowledged past its due time: to the next level, with a new acknowledgement clock. */
  | { readonly kind: 'escalate'; readonly escalation: Escalation }
  /** Unacknowledged past its due time at the top of the chain: flagged once. */
  | { readonly kind: 'breach'; readonly escalation: Escalation }
  /** Past the warning point of this level: the assignee is warned once. */
  | { readonly kind: 'warn'; readonly escalation: Escalation };

/**
 * What the SLA watcher does to one escalation at `now`. Acknowledgement has its own clock: an
 * escalation that is open or only claimed moves up when `ackDueAt` passes. Pure and idempotent:
 * the same state and `now` give the same step, and a step's new state gives `none` until the next
 * clock passes; the watcher writes it on condition that the stored state is unchanged, so two
 * watchers never both escalate.
 *
 * @example
 * ```ts
 * const step = nextEscalationStep(escalation, rules, roster, now);
 * if (step.kind !== 'none') await store.replaceIfUnchanged(escalation, step.escalation);
 * ```
 */
export const nextEscalationStep = (escalation: Escalation, rules: EscalationRules, roster: TeamRoster, now: Date): EscalationStep => {
  if (escalation.status === 'acknowledged' || escalation.status === 'resolved') return { kind: 'none' };
  const at = now.toISOString();

  if (now.getTime() >= Date.parse(escalation.ackDueAt)) {
    const chain = ownValue(rules.teams, escalation.team)?.chain ?? rules.defaultChain;
    const next = nextLevelOf(chain, escalation, roster);
    if (next) {
      const { claimedBy: _released, ...unclaimed } = escalation;
      return {
        kind: 'escalate',
        escalation: {
          ...unclaimed,
          level: next.level,
          assignee: next.assignee,
          status: 'open',
          ...acknowledgementClock(rules, escalation, now),
          warned: false,
          audit: [
            ...escalation.audit,
            {
              at,
              actor: SLA_WATCHER,
              action: 'escalate',
              detail: {
                fromLevel: String(escalation.level),
                toLevel: String(next.level),
                from: escalation.assignee,
                to: next.assignee,
                ackDueAt: escalation.ackDueAt,
              },
            },
          ],
        },
      };
    }
    if (escalation.breached) return { kind: 'none' };
    return {
      kind: 'breach',
      escalation: {
        ...escalation,
        breached: true,
        audit: [...escalation.audit, { at, actor: SLA_WATCHER, action: 'breach', detail: { level: String(escalation.level), ackDueAt: escalation.ackDueAt } }],
      },
    };
  }

  if (!escalation.warned && now.getTime() >= Date.parse(escalation.warnAt)) {
    return {
      kind: 'warn',
      escalation: {
        ...escalation,
        warned: true,
        audit: [...escalation.audit, { at, actor: SLA_WATCHER, action: 'warn', detail: { assignee: escalation.assignee, ackDueAt: escalation.ackDueAt } }],
      },
    };
  }
  return { kind: 'none' };
};

/** The next level with someone to take it, or undefined at the top (or when nobody above may). */
const nextLevelOf = (chain: EscalationRules['defaultChain'], escalation: Escalation, roster: TeamRoster) => {
  if (escalation.level >= chain.length) return undefined;
  try {
    return chooseAssignee(chain, escalation.level + 1, roster, { cursor: escalation.assignee, subjectAgentId: escalation.subjectAgentId });
  } catch (error) {
    if (error instanceof EscalationRulesError && error.code === 'no_assignee') return undefined;
    throw error;
  }
};
