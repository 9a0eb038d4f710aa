import type { EscalationRequest } from '../../surveys/core/escalation-request.ts';
import type { SurveyEscalationContext, SurveyEscalationPlan } from './plan-survey-escalation.ts';

// Adapters may not import contracts (test/unit/import-arrows.test.ts): the stored-item schemas
// the survey escalation store reads reach it through this port.

/**
 * Where a confirmed low score's escalation request becomes an escalation. `open` writes the
 * escalation, its opening audit entry, the assignee's outbox item and the team's round-robin
 * cursor in one atomic write with taking the request off the waiting index: `already_taken` when
 * another delivery took it first, `conflict` when another write held one of its items at the same
 * moment (read again and decide again).
 */
export interface SurveyEscalationStore {
  readContext(request: Pick<EscalationRequest, 'responseId' | 'customerId' | 'caseId'>): Promise<SurveyEscalationContext>;
  open(plan: Extract<SurveyEscalationPlan, { kind: 'escalate' }>, now: Date): Promise<'opened' | 'already_taken' | 'conflict'>;
  /** Takes a request the rules do not escalate off the waiting index, recording why. */
  close(responseId: string, reason: string, now: Date): Promise<void>;
}
