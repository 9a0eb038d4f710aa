import * as z from 'zod/mini';
import { acceptedAt, recordId } from './accepted-message-fields.ts';
import { storedComplaintSubmissionSchema } from './complaint-submission.ts';

/** What `POST /complaints` puts on the complaints queue; the consumer parses the same schema. */
export const complaintAcceptedMessage = z.strictObject({
  type: z.literal('complaint.accepted'),
  version: z.literal(1),
  complaintId: recordId,
  reference: z.string().check(z.regex(/^CMP-[0-9A-HJKMNP-TV-Z]{8}$/)),
  acceptedAt,
  submission: storedComplaintSubmissionSchema,
});
export type ComplaintAcceptedMessage = z.infer<typeof complaintAcceptedMessage>;
