import type { SurveyKind } from '../contracts/survey-decision-record.ts';
import { surveyMessagesFor } from '../messages/survey-message-catalogue.ts';
import type { SurveyMessages } from '../messages/survey-messages.ts';
import { escapeHtml } from '../../platform/pages/escape-html.ts';
import { pageLayout } from '../../platform/pages/page-layout.ts';

/** What the form shows as already chosen: a one-click score, or the answer given before. */
export interface SurveyFormValues {
  readonly score?: number | undefined;
  readonly ces?: number | undefined;
  readonly reasons?: readonly string[] | undefined;
  readonly comment?: string | undefined;
}

export interface SurveyPageInput {
  readonly locale: string;
  readonly kind: SurveyKind;
  /** The policy's reason codes, in its order. */
  readonly reasons: readonly string[];
  /** Where the form posts: relative to the page (`./<token>`), so a base path in the public URL keeps working. */
  readonly formAction: string;
  readonly values?: SurveyFormValues | undefined;
  /** `provisional`: the score came from a rating link and waits for the confirm button. */
  readonly notice?: 'provisional' | 'answered' | undefined;
  /** Why the last submission was not saved; the form keeps what was sent. */
  readonly error?: 'score_missing' | 'answer_invalid' | undefined;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

const scaleOf = (kind: SurveyKind, messages: SurveyMessages) =>
  kind === 'post_resolution'
    ? { question: messages.csatQuestion, low: messages.csatLowLabel, high: messages.csatHighLabel, points: range(1, 5) }
    : { question: messages.npsQuestion, low: messages.npsLowLabel, high: messages.npsHighLabel, points: range(0, 10) };

// One radio group in a fieldset whose legend is the question; the scale's ends describe it.
const radioScale = (name: string, legend: string, ends: { low: string; high: string }, points: number[], chosen: number | undefined, required: boolean) =>
  [
    `<fieldset aria-describedby="${name}-ends"><legend>${escapeHtml(legend)}</legend>`,
    `<div class="ends" id="${name}-ends"><span>${points[0]}: ${escapeHtml(ends.low)}</span><span>${points.at(-1)}: ${escapeHtml(ends.high)}</span></div>`,
    '<div class="scale">',
    ...points.map(
      (point) =>
        `<label for="${name}-${point}"><input type="radio" id="${name}-${point}" name="${name}" value="${point}"${point === chosen ? ' checked' : ''}${required ? ' required' : ''}>${point}</label>`,
    ),
    '</div></fieldset>',
  ].join('');

/**
 * The survey page: the score (CSAT 1-5 or NPS 0-10), reason codes, the optional effort score
 * and a comment, as a plain form that works without JavaScript. Every text is escaped; labels,
 * fieldsets and legends make each group readable by screen readers and usable by keyboard.
 *
 * @example
 * ```ts
 * renderSurveyPage({ locale: 'ja', kind: 'post_resolution', reasons: settings.reasons, formAction: `./${token}`, values: { score: 4 }, notice: 'provisional' });
 * ```
 */
export const renderSurveyPage = (input: SurveyPageInput): string => {
  const messages = surveyMessagesFor(input.locale);
  const values = input.values ?? {};
  const scale = scaleOf(input.kind, messages);
  const chosenReasons = new Set(values.reasons ?? []);
  // Own keys only: a configured code such as `constructor` must show as itself, not reach Object's prototype.
  const labels: Readonly<Record<string, string>> = messages.reasonLabels;
  const reasonLabel = (code: string) => (Object.hasOwn(labels, code) ? labels[code]! : code);
  const body = [
    `<h1>${escapeHtml(messages.pageTitle)}</h1>`,
    input.error
      ? `<p class="error" role="alert" id="form-error">${escapeHtml(input.error === 'score_missing' ? messages.page.scoreMissing : messages.page.answerInvalid)}</p>`
      : '',
    input.notice === 'provisional' ? `<p class="notice">${escapeHtml(messages.page.provisionalNotice)}</p>` : '',
    input.notice === 'answered' ? `<p class="notice">${escapeHtml(messages.page.answeredNotice)}</p>` : '',
    `<form method="post" action="${escapeHtml(input.formAction)}" accept-charset="utf-8">`,
    radioScale('score', scale.question, scale, scale.points, values.score, true),
    '<fieldset class="reasons">',
    `<legend>${escapeHtml(messages.reasonsQuestion)}</legend>`,
    ...input.reasons.map(
      (code) =>
        `<label for="reason-${escapeHtml(code)}"><input type="checkbox" id="reason-${escapeHtml(code)}" name="reasons" value="${escapeHtml(code)}"${chosenReasons.has(code) ? ' checked' : ''}> ${escapeHtml(reasonLabel(code))}</label>`,
    ),
    '</fieldset>',
    radioScale(
      'ces',
      `${messages.cesQuestion} ${messages.page.cesOptional}`,
      { low: messages.cesLowLabel, high: messages.cesHighLabel },
      range(1, 7),
      values.ces,
      false,
    ),
    `<p><label for="comment">${escapeHtml(messages.commentLabel)}</label><br>`,
    `<textarea id="comment" name="comment" maxlength="5000" rows="5">${escapeHtml(values.comment ?? '')}</textarea></p>`,
    `<button type="submit">${escapeHtml(input.notice === 'provisional' ? messages.confirmScore : messages.submit)}</button>`,
    '</form>',
  ].join('\n');
  return pageLayout({ locale: input.locale, title: messages.pageTitle, body });
};
