import * as z from 'zod/mini';
import { multiLineText } from '../../platform/text/text-fields.ts';

/** The reason codes a survey offers when none are configured. */
export const DEFAULT_SURVEY_REASONS = ['speed', 'knowledge', 'courtesy', 'resolution', 'communication', 'other'] as const;

export type DefaultSurveyReason = (typeof DEFAULT_SURVEY_REASONS)[number];

/** A reason code is a short lower-case token, safe in keys, form field values and CSV columns. */
const surveyReasonCode = z.string().check(z.regex(/^[a-z0-9]+(_[a-z0-9]+)*$/, 'Use a lower-case snake_case reason code.'), z.maxLength(40));

/** A deployment's reason list: one or more distinct codes. */
export const surveyReasonList = z.array(surveyReasonCode).check(
  z.minLength(1),
  z.refine((reasons) => new Set(reasons).size === reasons.length, { message: 'Give each reason code once.' }),
);

const SURVEY_COMMENT_MAX_CHARS = 5000;

/**
 * Checks a deployment's reason list: one or more distinct snake_case codes. The page, the API and
 * the stored answers must agree on it, so the stack checks it at synth and a function at cold start.
 *
 * @example
 * ```ts
 * assertSurveyReasons(['speed', 'Speed!']); // throws, naming "Speed!"
 * ```
 *
 * @internal exported for its tests only
 */
export const assertSurveyReasons = (reasons: readonly string[]): void => {
  if (!surveyReasonList.safeParse(reasons).success) {
    const invalid = reasons.filter((reason, index) => !surveyReasonCode.safeParse(reason).success || reasons.indexOf(reason) !== index);
    throw new Error(`Survey reasons must be one or more distinct lower-case snake_case codes of up to 40 characters; invalid: ${JSON.stringify(invalid)}`);
  }
};

/**
 * The body of `POST /s/{token}` from an API client (the page's form is decoded to the same shape):
 * - `csat`: customer satisfaction, 1 (very dissatisfied) to 5 (very satisfied);
 * - `nps`: Net Promoter Score, 0 to 10 ("how likely are you to recommend us");
 * - `ces`: Customer Effort Score on the common 7-point scale (CES 2.0: 1 "strongly disagree" to
 *   7 "strongly agree" that the company made it easy to handle the issue);
 * - `reasons`: distinct codes from the deployment's list;
 * - `comment`: multi-line free text.
 *
 * At least one of `csat` or `nps` is required: a score is what the survey asks for.
 *
 * @example
 * ```ts
 * surveyAnswerSchema(DEFAULT_SURVEY_REASONS).parse({ csat: 4, reasons: ['speed'], comment: 'Quick, thanks' });
 * ```
 */
export const surveyAnswerSchema = (reasons: readonly string[] = DEFAULT_SURVEY_REASONS) => {
  assertSurveyReasons(reasons);
  return z
    .strictObject({
      csat: z.optional(z.int().check(z.gte(1), z.lte(5))),
      nps: z.optional(z.int().check(z.gte(0), z.lte(10))),
      ces: z.optional(z.int().check(z.gte(1), z.lte(7))),
      reasons: z.optional(
        z.array(z.enum(reasons as [string, ...string[]], { error: `Choose from: ${reasons.join(', ')}.` })).check(
          z.maxLength(reasons.length),
          z.refine((chosen) => new Set(chosen).size === chosen.length, { message: 'Give each reason once.' }),
        ),
      ),
      comment: z.optional(multiLineText(SURVEY_COMMENT_MAX_CHARS)),
    })
    .check(
      z.refine((answer) => answer.csat !== undefined || answer.nps !== undefined, {
        message: 'Give a score: csat or nps.',
        path: ['csat'],
      }),
    );
};

export type SurveyAnswer = z.infer<ReturnType<typeof surveyAnswerSchema>>;
