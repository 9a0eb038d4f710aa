import type { SurveyKind } from '../contracts/survey-decision-record.ts';

// A number only when the field holds one or two digits; anything else stays text and fails the schema.
const numberOrText = (value: string | null) => (value === null || value === '' ? undefined : /^\d{1,2}$/.test(value) ? Number(value) : value);

/** The survey form's fields that may come more than once (its reason checkboxes); any other field sent twice is refused. */
export const repeatableSurveyFields = ['reasons'] as const;

/**
 * The survey page's form fields (`score`, `ces`, `reasons` repeated, `comment`) as the JSON
 * answer the API takes, so both are checked by one schema. The score becomes `csat` or `nps`
 * after the survey's kind; empty optional fields are left out.
 *
 * @example
 * ```ts
 * answerFromForm(new URLSearchParams('score=4&reasons=speed&comment='), 'post_resolution'); // { csat: 4, reasons: ['speed'] }
 * ```
 */
export const answerFromForm = (form: URLSearchParams, kind: SurveyKind): Record<string, unknown> => {
  const reasons = form.getAll('reasons');
  const comment = form.get('comment');
  return Object.fromEntries(
    Object.entries({
      [kind === 'post_resolution' ? 'csat' : 'nps']: numberOrText(form.get('score')),
      ces: numberOrText(form.get('ces')),
      reasons: reasons.length > 0 ? reasons : undefined,
      // Browsers send a textarea's line breaks as CRLF; the customer typed one break, not two characters.
      comment: comment === null || comment.trim() === '' ? undefined : comment.replace(/\r\n/g, '\n'),
    }).filter(([, value]) => value !== undefined),
  );
};
