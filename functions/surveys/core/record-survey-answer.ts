import type { SurveyAnswer } from '../contracts/survey-answer.ts';
import { recordIdFor } from '../../platform/record-id.ts';
import type { SurveyInvitation } from './customer-survey-history.ts';
import type { SurveyDecisionRecord } from '../contracts/survey-decision-record.ts';

/** How an answer arrived: a rating link in the email (a GET), the survey page's form, or the JSON API. */
export type AnswerSource = 'one_click' | 'page' | 'api';

/**
 * `provisional`: a one-click score, which a mail security scanner opening every link may have
 * made; kept to pre-select the page, never counted. `confirmed`: the customer submitted it; only
 * these count in reports and raise escalations.
 *
 * @internal exported for its tests only
 */
export type AnswerStatus = 'provisional' | 'confirmed';

/** The one response an invitation has. Times are ISO 8601 instants. */
export interface SurveyResponse {
  readonly responseId: string;
  readonly invitationId: string;
  readonly status: AnswerStatus;
  readonly source: AnswerSource;
  readonly answer: SurveyAnswer;
  readonly firstAnsweredAt: string;
  readonly updatedAt: string;
  readonly confirmedAt?: string | undefined;
  /** A supervisor's mark (`PUT /responses/{invitationId}/about-product`): kept when the customer changes the answer. */
  readonly aboutProductNotAgent?: boolean | undefined;
  readonly aboutProductMarkedBy?: string | undefined;
  readonly aboutProductMarkedAt?: string | undefined;
}

export type AnswerDecision =
  | {
      readonly kind: 'recorded';
      readonly response: SurveyResponse;
      /** Set for the invitation's first confirmed answer, for the decision log: one answer, one line. */
      readonly record?: SurveyDecisionRecord | undefined;
    }
  /** A one-click score after a confirmed answer: the confirmed answer stands. */
  | { readonly kind: 'unchanged'; readonly response: SurveyResponse }
  | { readonly kind: 'refused'; readonly reason: 'survey_closed' };

/**
 * The response id of an invitation, derived from it: one response per invitation, and every
 * update of it (or a retry of the same submission) names the same response.
 *
 * @example
 * ```ts
 * surveyResponseId('5f0c…'); // the same UUID every time
 * ```
 */
export const surveyResponseId = (invitationId: string): string => recordIdFor('survey-response', invitationId, '');

/**
 * Applies an answer to an invitation's response. A one-click answer is stored as provisional
 * and never replaces a confirmed one; an answer from the page or the API is confirmed, and the
 * first confirmation is logged. Answering again while the link is valid updates the same response
 * (same `responseId`, first answer and confirmation times kept) and logs nothing more; from
 * `expiresAt` on, or once the invitation was cancelled, the survey is closed.
 *
 * @example
 * ```ts
 * const decision = recordSurveyAnswer({ invitation, existing, answer: { csat: 4 }, source: 'page', now: new Date() });
 * if (decision.kind === 'refused') return closedPage(locale);
 * ```
 */
export const recordSurveyAnswer = ({
  invitation,
  existing,
  answer,
  source,
  now,
}: {
  readonly invitation: SurveyInvitation;
  readonly existing: SurveyResponse | undefined;
  readonly answer: SurveyAnswer;
  readonly source: AnswerSource;
  readonly now: Date;
}): AnswerDecision => {
  if (invitation.state === 'cancelled' || now.getTime() >= Date.parse(invitation.expiresAt)) return { kind: 'refused', reason: 'survey_closed' };
  const status: AnswerStatus = source === 'one_click' ? 'provisional' : 'confirmed';
  if (status === 'provisional' && existing?.status === 'confirmed') return { kind: 'unchanged', response: existing };
  const at = now.toISOString();
  const response: SurveyResponse = {
    responseId: surveyResponseId(invitation.invitationId),
    invitationId: invitation.invitationId,
    status,
    source,
    answer,
    firstAnsweredAt: existing?.firstAnsweredAt ?? at,
    updatedAt: at,
    confirmedAt: status === 'confirmed' ? (existing?.confirmedAt ?? at) : undefined,
    aboutProductNotAgent: existing?.aboutProductNotAgent,
    aboutProductMarkedBy: existing?.aboutProductMarkedBy,
    aboutProductMarkedAt: existing?.aboutProductMarkedAt,
  };
  // A confirmed answer again (redelivered, posted twice, or changed) updates the response only.
  if (status === 'provisional' || existing?.status === 'confirmed') return { kind: 'recorded', response };
  return {
    kind: 'recorded',
    response,
    record: {
      event: 'answered',
      kind: invitation.kind,
      customerId: invitation.customerId,
      caseId: invitation.caseId,
      invitationId: invitation.invitationId,
      detail: source,
      decidedAt: at,
    },
  };
};
