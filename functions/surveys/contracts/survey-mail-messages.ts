import * as z from 'zod/mini';

const isoTimestamp = z.iso.datetime();

/**
 * What the dispatcher puts on the notifications queue: one email of one invitation is due. The
 * customer id lets the mailer read the invitation, contact and history in one BatchGetItem.
 */
export const surveyMailDueMessage = z.strictObject({
  type: z.literal('survey.mail_due'),
  version: z.literal(1),
  invitationId: z.string().check(z.minLength(1), z.maxLength(100)),
  customerId: z.string().check(z.minLength(1), z.maxLength(200)),
  purpose: z.enum(['invitation', 'reminder']),
  queuedAt: isoTimestamp,
});
export type SurveyMailDueMessage = z.infer<typeof surveyMailDueMessage>;

const recipients = z.array(z.looseObject({ emailAddress: z.string() }));

/**
 * The bounce and complaint events a configuration set publishes to EventBridge (source `aws.ses`,
 * detail-types `Email Bounced` and `Email Complaint Received`), as far as the consumer reads
 * them. `mail.tags` carries the message's EmailTags (each a list of values) and SES's own tags.
 * Loose: SES adds fields over time.
 */
export const sesDeliveryEventSchema = z.looseObject({
  'detail-type': z.string(),
  source: z.literal('aws.ses'),
  detail: z.looseObject({
    eventType: z.string(),
    bounce: z.optional(
      z.looseObject({ bounceType: z.string(), bounceSubType: z.optional(z.string()), bouncedRecipients: recipients, timestamp: isoTimestamp }),
    ),
    complaint: z.optional(z.looseObject({ complainedRecipients: recipients, timestamp: isoTimestamp, complaintFeedbackType: z.optional(z.string()) })),
    mail: z.looseObject({
      messageId: z.string(),
      timestamp: isoTimestamp,
      tags: z.optional(z.record(z.string(), z.array(z.string()))),
    }),
  }),
});
export type SesDeliveryEvent = z.infer<typeof sesDeliveryEventSchema>;
