import type { FeedbackSubmission } from '../contracts/feedback-submission.ts';
import type { FeedbackAcceptedMessage } from '../contracts/feedback-accepted-message.ts';
import { recordIdFor } from '../../platform/record-id.ts';

/**
 * Turns validated feedback into its queue message; the id is the receipt.
 *
 * @example
 * ```ts
 * const message = acceptFeedback({ kind: 'site', rating: 4 }, { now: new Date() });
 * ```
 */
export const acceptFeedback = (submission: FeedbackSubmission, options: { idempotencyKey?: string | undefined; now: Date }): FeedbackAcceptedMessage => ({
  type: 'feedback.accepted',
  version: 1,
  feedbackId: recordIdFor('feedback', options.idempotencyKey, JSON.stringify(submission)),
  acceptedAt: options.now.toISOString(),
  submission,
});
