import type { SurveyInvitation } from './customer-survey-history.ts';
import type { SurveyResponse } from './record-survey-answer.ts';

/** What the survey page shows: the form (`open`), the form with the answer given (`answered`), or the closed page. */
export type SurveyPageState = 'open' | 'answered' | 'expired';

/**
 * Where an invitation's survey stands for the person holding its link. A cancelled invitation
 * reads as expired: the customer needs to know only that it cannot be answered. Only a confirmed
 * response counts as answered; a provisional one-click score leaves it open.
 *
 * @example
 * ```ts
 * surveyPageState(invitation, response, new Date()); // 'open'
 * ```
 */
export const surveyPageState = (invitation: SurveyInvitation, response: SurveyResponse | undefined, now: Date): SurveyPageState => {
  if (invitation.state === 'cancelled' || now.getTime() >= Date.parse(invitation.expiresAt)) return 'expired';
  return response?.status === 'confirmed' ? 'answered' : 'open';
};
