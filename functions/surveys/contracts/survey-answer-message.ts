import * as z from 'zod/mini';
import { DEFAULT_SURVEY_REASONS, surveyAnswerSchema } from './survey-answer.ts';

const recordId = z.string().check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/));

/**
 * The answer a survey of `kind` takes: the contract's answer with the survey's own score
 * required (`csat` for a post-resolution survey, `nps` for a relationship survey) and the other
 * one refused, so a CSAT survey never stores an NPS.
 *
 * @example
 * ```ts
 * surveyAnswerSchemaFor('post_resolution', settings.reasons).safeParse({ nps: 9 }); // fails on csat and nps
 * ```
 */
export const surveyAnswerSchemaFor = (kind: 'post_resolution' | 'relationship', reasons: readonly string[] = DEFAULT_SURVEY_REASONS) => {
  const [asked, other] = kind === 'post_resolution' ? (['csat', 'nps'] as const) : (['nps', 'csat'] as const);
  return surveyAnswerSchema(reasons).check(
    z.refine((answer) => answer[asked] !== undefined, { message: `This survey asks for ${asked}.`, path: [asked] }),
    z.refine((answer) => answer[other] === undefined, { message: `This survey does not ask for ${other}.`, path: [other] }),
  );
};

/**
 * What `POST /s/{token}` (and a one-click `GET /s/{token}?score=N`) puts on the survey answer
 * queue; the consumer parses the same schema. The answer was validated against the policy's
 * reasons when accepted, so the consumer checks only its shape (a reason removed from the policy
 * in between does not poison the message). `submittedAt` is when the customer answered: a
 * message retried after the survey closed still counts if it was sent in time.
 */
export const surveyAnswerSubmittedMessage = z.strictObject({
  type: z.literal('survey.answer_submitted'),
  version: z.literal(1),
  invitationId: recordId,
  responseId: recordId,
  source: z.enum(['one_click', 'page', 'api']),
  submittedAt: z.iso.datetime(),
  answer: z.strictObject({
    csat: z.optional(z.int().check(z.gte(1), z.lte(5))),
    nps: z.optional(z.int().check(z.gte(0), z.lte(10))),
    ces: z.optional(z.int().check(z.gte(1), z.lte(7))),
    reasons: z.optional(z.array(z.string().check(z.maxLength(40))).check(z.maxLength(50))),
    comment: z.optional(z.string().check(z.maxLength(5000))),
  }),
});
export type SurveyAnswerSubmittedMessage = z.infer<typeof surveyAnswerSubmittedMessage>;
