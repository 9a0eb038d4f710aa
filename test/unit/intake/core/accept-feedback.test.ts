import { describe, expect, it } from 'vitest';
import { acceptFeedback } from '../../../../functions/intake/core/accept-feedback.ts';
import { feedbackItem } from '../../../../functions/intake/core/feedback-record.ts';
import { feedbackAcceptedMessage } from '../../../../functions/intake/contracts/feedback-accepted-message.ts';
import { feedbackSubmissionSchema } from '../../../../functions/intake/contracts/feedback-submission.ts';
import { validArticleFeedback } from '../../../helpers/submissions.ts';

const now = new Date('2026-11-25T10:00:00Z');
const submission = feedbackSubmissionSchema.parse(validArticleFeedback());

describe('acceptFeedback', () => {
  it('builds a message the consumer schema accepts', () => {
    const message = acceptFeedback(submission, { now });
    expect(feedbackAcceptedMessage.parse(message)).toEqual(message);
  });

  it('derives the same id for a retry with the same Idempotency-Key', () => {
    expect(acceptFeedback(submission, { now, idempotencyKey: 'k' }).feedbackId).toBe(
      acceptFeedback(submission, { now: new Date(), idempotencyKey: 'k' }).feedbackId,
    );
  });

  it('lists the item by kind and month and expires it after the retention', () => {
    const message = acceptFeedback(submission, { now });
    expect(feedbackItem(message, { receivedAt: now, retentionDays: 365 })).toMatchObject({
      pk: `FEEDBACK#${message.feedbackId}`,
      sk: 'FEEDBACK',
      gsi1pk: 'FEEDBACK#article#2026-11',
      articleId: 'kb-1042',
      helpful: false,
      expiresAt: now.getTime() / 1000 + 365 * 86_400,
    });
  });
});
