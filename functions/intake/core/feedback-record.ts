import type { FeedbackAcceptedMessage } from '../contracts/feedback-accepted-message.ts';
import type { StoredItem } from './record-store.ts';
import { expiresAtEpochSeconds, monthOf } from '../../platform/single-table/retention.ts';

/** The table item for accepted feedback, listed by kind and month in `gsi1`. */
export const feedbackItem = (message: FeedbackAcceptedMessage, options: { receivedAt: Date; retentionDays: number }): StoredItem => ({
  pk: `FEEDBACK#${message.feedbackId}`,
  sk: 'FEEDBACK',
  gsi1pk: `FEEDBACK#${message.submission.kind}#${monthOf(message.acceptedAt)}`,
  gsi1sk: `${message.acceptedAt}#${message.feedbackId}`,
  type: 'feedback',
  feedbackId: message.feedbackId,
  acceptedAt: message.acceptedAt,
  receivedAt: options.receivedAt.toISOString(),
  expiresAt: expiresAtEpochSeconds(message.acceptedAt, options.retentionDays),
  ...message.submission,
});
