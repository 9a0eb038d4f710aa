import * as z from 'zod/mini';
import { isSingleLineText } from '../../platform/text/text-rules.ts';
import { localeTag, multiLineText, singleLineText } from '../../platform/text/text-fields.ts';

/** @internal exported for its tests only */
export const COMMENT_MAX_CHARS = 5000;

/**
 * The body of `POST /feedback`: anonymous feedback on the support site (`site`) or on a help
 * article (`article`: "was this helpful", rating and comment). It must say something: at least
 * one of `helpful`, `rating` or `comment`; article feedback names its article.
 *
 * @example
 * ```ts
 * feedbackSubmissionSchema.parse({ kind: 'article', articleId: 'kb-123', helpful: true });
 * ```
 */
export const feedbackSubmissionSchema = z
  .strictObject({
    kind: z.enum(['site', 'article']),
    pageUrl: z.optional(z.httpUrl().check(z.maxLength(2048), z.refine(isSingleLineText, { message: 'URL must not contain control characters.' }))),
    articleId: z.optional(singleLineText(128)),
    helpful: z.optional(z.boolean()),
    rating: z.optional(z.int().check(z.gte(1), z.lte(5))),
    comment: z.optional(multiLineText(COMMENT_MAX_CHARS)),
    locale: z.optional(localeTag),
  })
  .check(
    z.refine((feedback) => feedback.kind !== 'article' || feedback.articleId !== undefined, {
      message: 'Article feedback needs an articleId.',
      path: ['articleId'],
    }),
    z.refine((feedback) => feedback.helpful !== undefined || feedback.rating !== undefined || feedback.comment !== undefined, {
      message: 'Say something: give helpful, rating or comment.',
      path: ['helpful'],
    }),
  );

export type FeedbackSubmission = z.infer<typeof feedbackSubmissionSchema>;
