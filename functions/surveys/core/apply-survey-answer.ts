import type { SurveyPolicySettings } from '../contracts/survey-policy-settings.ts';
import { type EscalationRequest, escalationRequestFor } from './escalation-request.ts';
import { type AnswerSource, recordSurveyAnswer } from './record-survey-answer.ts';
import type { SurveyAnswer } from '../contracts/survey-answer.ts';
import type { SaveResponseOutcome, SurveyAnswerStore } from './survey-answer-store.ts';

/** What became of a queued answer. */
export type AppliedAnswer = SaveResponseOutcome | 'unchanged' | 'unknown_invitation' | 'escalated';

/**
 * Applies one queued answer: loads the invitation and its response, decides with
 * {@link recordSurveyAnswer} as of `submittedAt` (when the customer answered, so a retried
 * message is judged as the first delivery was), and stores the response, the `answered` state,
 * the decision (the first confirmation only) and, for a confirmed low CSAT, the escalation
 * request. Safe to repeat: the same message stores the same items, and however often one answer
 * arrives, its invitation's log says `answered` once.
 *
 * @example
 * ```ts
 * const { outcome, escalationRequest } = await applySurveyAnswer({ invitationId, answer: { csat: 1 }, source: 'page', submittedAt }, { store, settings });
 * ```
 */
export const applySurveyAnswer = async (
  message: { readonly invitationId: string; readonly answer: SurveyAnswer; readonly source: AnswerSource; readonly submittedAt: string },
  { store, settings }: { readonly store: SurveyAnswerStore; readonly settings: Pick<SurveyPolicySettings, 'escalatingCsatAtOrBelow'> },
): Promise<{ readonly outcome: AppliedAnswer; readonly escalationRequest?: EscalationRequest }> => {
  for (let attempt = 1; ; attempt++) {
    const [invitation, existing] = await Promise.all([store.loadInvitation(message.invitationId), store.loadResponse(message.invitationId)]);
    if (!invitation) return { outcome: 'unknown_invitation' };
    const decision = recordSurveyAnswer({ invitation, existing, answer: message.answer, source: message.source, now: new Date(message.submittedAt) });
    if (decision.kind === 'refused') return { outcome: 'closed' };
    if (decision.kind === 'unchanged') return { outcome: 'unchanged' };
    const escalation = escalationRequestFor(decision.response, invitation, settings);
    const outcome = await store.saveResponse(decision.response, { invitation, record: decision.record, escalation });
    // A first confirmation lands only while none is stored: another delivery (the same answer
    // posted twice, two consumers) confirmed it since the read. Read again: this answer is then a
    // later one, stored if newer, logged no more.
    if (outcome === 'superseded' && decision.record !== undefined && attempt === 1) continue;
    if (outcome === 'saved' && escalation) return { outcome: 'escalated', escalationRequest: escalation };
    // A later answer replaced this one, but an earlier delivery of it may have stored its request
    // and died before the escalation: answering the request lets the caller finish (or find nothing).
    if (outcome === 'superseded' && escalation) return { outcome, escalationRequest: escalation };
    return { outcome };
  }
};
