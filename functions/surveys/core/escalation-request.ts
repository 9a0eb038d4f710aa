import type { SurveyPolicySettings } from '../contracts/survey-policy-settings.ts';
import type { SurveyInvitation } from './customer-survey-history.ts';
import { isEscalatingScore } from './is-escalating-score.ts';
import type { SurveyResponse } from './record-survey-answer.ts';

/**
 * A request for the escalation rules to look at a confirmed low score. One per response: its id
 * is the response id, so a redelivered message or a changed answer never raises a second one.
 */
export interface EscalationRequest {
  readonly requestId: string;
  readonly source: 'survey';
  readonly responseId: string;
  readonly invitationId: string;
  readonly customerId: string;
  readonly caseId?: string | undefined;
  readonly csat: number;
  readonly reasons?: readonly string[] | undefined;
  readonly comment?: string | undefined;
  readonly requestedAt: string;
}

/**
 * The escalation request a response raises, or undefined: only a confirmed CSAT at or below the
 * policy's `escalatingCsatAtOrBelow` does (see {@link isEscalatingScore}).
 *
 * @example
 * ```ts
 * escalationRequestFor(response, invitation, settings); // { requestId: response.responseId, csat: 1, … }
 * ```
 */
export const escalationRequestFor = (
  response: SurveyResponse,
  invitation: SurveyInvitation,
  settings: Pick<SurveyPolicySettings, 'escalatingCsatAtOrBelow'>,
): EscalationRequest | undefined => {
  if (!isEscalatingScore(response, settings) || response.answer.csat === undefined) return undefined;
  return {
    requestId: response.responseId,
    source: 'survey',
    responseId: response.responseId,
    invitationId: invitation.invitationId,
    customerId: invitation.customerId,
    caseId: invitation.caseId,
    csat: response.answer.csat,
    reasons: response.answer.reasons,
    comment: response.answer.comment,
    requestedAt: response.confirmedAt ?? response.updatedAt,
  };
};
