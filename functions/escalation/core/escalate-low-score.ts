import type { EscalationSettings } from '../contracts/escalation-settings.ts';
import { CodedError } from '../../platform/coded-error.ts';
import type { EscalationRequest } from '../../surveys/core/escalation-request.ts';
import { decideAgainAfterLostRaces } from './decide-again-after-lost-races.ts';
import { planSurveyEscalation, type SurveyEscalationPlan } from './plan-survey-escalation.ts';
import type { SurveyEscalationStore } from './survey-escalation-store.ts';

/** A low score whose escalation kept losing the race for the round-robin item: the queue retries it. */
class SurveyEscalationConflictError extends CodedError<'store_conflict'> {
  override readonly name = 'SurveyEscalationConflictError';
}

export type LowScoreOutcome =
  | { readonly kind: 'opened'; readonly plan: Extract<SurveyEscalationPlan, { kind: 'escalate' }> }
  | { readonly kind: 'already_taken' }
  | { readonly kind: 'not_escalated'; readonly reason: string };

/**
 * Opens the escalation a confirmed very low score requested, once: reads the request with the
 * customer's context, decides with the rules and writes the escalation with taking the request.
 * A redelivery (or a second consumer) finds the request taken and does nothing; a lost race on the
 * round-robin item is read again and decided again, a few times, then left to the queue's retry.
 *
 * @example
 * ```ts
 * const outcome = await escalateLowScore(request, { store, settings }, new Date());
 * if (outcome.kind === 'opened') await notifier.deliver(outcome.plan.notifications.map((notification) => ({ notification })));
 * ```
 */
export const escalateLowScore = async (
  request: Pick<EscalationRequest, 'responseId' | 'customerId' | 'caseId'>,
  deps: { readonly store: SurveyEscalationStore; readonly settings: EscalationSettings; readonly pause?: (attempt: number) => Promise<void> },
  now: Date,
): Promise<LowScoreOutcome> => {
  const round = async (): Promise<LowScoreOutcome | 'conflict'> => {
    const plan = planSurveyEscalation(await deps.store.readContext(request), deps.settings, now);
    if (plan.kind === 'nothing_to_do') return { kind: 'already_taken' };
    if (plan.kind === 'not_escalated') {
      await deps.store.close(request.responseId, plan.reason, now);
      return { kind: 'not_escalated', reason: plan.reason };
    }
    const written = await deps.store.open(plan, now);
    if (written === 'conflict') return written;
    return written === 'opened' ? { kind: 'opened', plan } : { kind: 'already_taken' };
  };
  return decideAgainAfterLostRaces(round, {
    giveUp: (attempts) =>
      new SurveyEscalationConflictError('store_conflict', `Escalation request ${request.responseId} lost ${attempts} races; the queue retries it.`),
    ...(deps.pause === undefined ? {} : { pause: deps.pause }),
  });
};
