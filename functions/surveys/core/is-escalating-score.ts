import type { SurveyPolicySettings } from '../contracts/survey-policy-settings.ts';
import type { SurveyResponse } from './record-survey-answer.ts';

/**
 * True when a response must raise an escalation: a confirmed CSAT at or below the policy's
 * threshold (1 by default). A provisional one-click score never escalates: a mail scanner
 * opening the "1" link would otherwise page a supervisor.
 *
 * @example
 * ```ts
 * isEscalatingScore({ ...response, status: 'confirmed', answer: { csat: 1 } }, settings); // true
 * ```
 */
export const isEscalatingScore = (
  response: Pick<SurveyResponse, 'status' | 'answer'>,
  settings: Pick<SurveyPolicySettings, 'escalatingCsatAtOrBelow'>,
): boolean => response.status === 'confirmed' && response.answer.csat !== undefined && response.answer.csat <= settings.escalatingCsatAtOrBelow;
