import * as z from 'zod/mini';
import { acceptedAt, recordId } from './accepted-message-fields.ts';
import { feedbackSubmissionSchema } from './feedback-submission.ts';

/** What `POST /feedback` puts on the feedback queue; the consumer parses the same schema. */
export const feedbackAcceptedMessage = z.strictObject({
  type: z.literal('feedback.accepted'),
  version: z.literal(1),
  feedbackId: recordId,
  acceptedAt,
  submission: feedbackSubmissionSchema,
});
export type FeedbackAcceptedMessage = z.infer<typeof feedbackAcceptedMessage>;
