import type { EscalationSurveyAnswer } from '../../../functions/escalation/contracts/supervisor-api.ts';
import { type ConsoleMessages, format } from './console-messages.ts';

/**
 * What a survey escalation's answer says, as the console lists it (term, text) in the viewer's
 * language: the score out of five, the reasons ticked by the survey page's own labels (a code the
 * catalogue does not know, from a deployment's own list, shows as the code), the case and when it
 * was answered in the viewer's time zone (the browser's, unless `timeZone` is given). Facts the
 * answer lacks are left out; the comment is not a fact but a paragraph of its own.
 *
 * @example
 * ```ts
 * surveyAnswerFacts({ csat: 1, reasons: ['resolution'], answeredAt: '2026-11-26T09:00:00Z' }, consoleMessages.ja, 'ja', { timeZone: 'Asia/Tokyo' });
 * // [['評価', '5段階中 1'], ['選択された理由', '解決'], ['回答日時', '2026/11/26 18:00']]
 * ```
 */
export const surveyAnswerFacts = (
  answer: EscalationSurveyAnswer,
  messages: ConsoleMessages,
  /** The viewer's formatting locale (`en-GB`, `ja-JP`): dates and numbers as they read them. */
  locale: string,
  options: { readonly timeZone?: string } = {},
): readonly (readonly [term: string, text: string])[] => {
  const labels: Readonly<Record<string, string>> = messages.reasonLabels;
  // Own keys only: `constructor` is a valid reason code, and must not read Object's.
  const reasonLabel = (code: string) => (Object.hasOwn(labels, code) ? labels[code]! : code);
  const answered = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', ...(options.timeZone ? { timeZone: options.timeZone } : {}) });
  const facts: [string, string | undefined][] = [
    [messages.score, format(messages.scoreOutOfFive, { score: String(answer.csat) })],
    [messages.reasons, answer.reasons?.length ? new Intl.ListFormat(locale, { type: 'conjunction' }).format(answer.reasons.map(reasonLabel)) : undefined],
    [messages.caseId, answer.caseId],
    [messages.answered, answered.format(Date.parse(answer.answeredAt))],
  ];
  return facts.flatMap(([term, text]) => (text === undefined ? [] : [[term, text] as const]));
};
