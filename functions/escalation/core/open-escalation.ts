import type { EscalationDecision } from './decide-escalation.ts';
import type { Escalation, EscalationSource } from './escalation.ts';

/**
 * The first state of an escalation from a decision to escalate, with its opening audit entry.
 *
 * @example
 * ```ts
 * if (decision.escalate) openEscalation(decision, { id: complaintId, source: 'complaint', subjectAgentId: 'ag-ken' }, now);
 * ```
 */
export const openEscalation = (
  decision: Extract<EscalationDecision, { escalate: true }>,
  { id, source, subjectAgentId }: { id: string; source: EscalationSource; subjectAgentId?: string | undefined },
  now: Date,
): Escalation => ({
  id,
  source,
  team: decision.team,
  tier: decision.tier,
  region: decision.region,
  severity: decision.severity,
  guaranteed: decision.guaranteed,
  ...(subjectAgentId === undefined ? {} : { subjectAgentId }),
  level: decision.level,
  assignee: decision.assignee,
  status: 'open',
  createdAt: now.toISOString(),
  ackDueAt: decision.ackDueAt,
  warnAt: decision.warnAt,
  resolveDueAt: decision.resolveDueAt,
  warned: false,
  breached: false,
  audit: [
    {
      at: now.toISOString(),
      actor: 'escalation-rules',
      action: 'open',
      detail: {
        severity: decision.severity,
        team: decision.team,
        assignee: decision.assignee,
        level: String(decision.level),
        rules: decision.appliedRules.join(' '),
      },
    },
  ],
});
