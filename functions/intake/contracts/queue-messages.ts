import * as z from 'zod/mini';
import { storedComplaintSubmissionSchema } from './complaint-submission.ts';
import { feedbackSubmissionSchema } from './feedback-submission.ts';

const isoTimestamp = z.iso.datetime();
const recordId = z.string().check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/));

/** What `POST /complaints` puts on the complaints queue; the consumer parses the same schema. */
export const complaintAcceptedMessage = z.strictObject({
  type: z.literal('complaint.accepted'),
  version: z.literal(1),
  complaintId: recordId,
  reference: z.string().check(z.regex(/^CMP-[0-9A-HJKMNP-TV-Z]{8}$/)),
  acceptedAt: isoTimestamp,
  submission: storedComplaintSubmissionSchema,
});
export type ComplaintAcceptedMessage = z.infer<typeof complaintAcceptedMessage>;

/** What `POST /feedback` puts on the feedback queue. */
export const feedbackAcceptedMessage = z.strictObject({
  type: z.literal('feedback.accepted'),
  version: z.literal(1),
  feedbackId: recordId,
  acceptedAt: isoTimestamp,
  submission: feedbackSubmissionSchema,
});
export type FeedbackAcceptedMessage = z.infer<typeof feedbackAcceptedMessage>;
