import * as z from 'zod/mini';

const skipReason = z.enum(['opted_out', 'address_suppressed', 'recently_surveyed', 'case_already_invited', 'case_excluded']);

/** `POST /cases/resolved` scheduled the survey: `202`. A retry of the same resolution gets the same. */
export const invitationScheduledSchema = z.strictObject({ invitationId: z.string(), scheduledFor: z.iso.datetime() });

/** `POST /cases/resolved` sends no survey for the case, and says why: `200`. */
export const invitationSkippedSchema = z.strictObject({ skipped: skipReason });

/** `POST /cases/reopened`: what became of the case's invitation. */
export const caseReopenedAnswerSchema = z.strictObject({ caseId: z.string(), invitation: z.enum(['cancelled', 'kept', 'none']) });

/** `GET /cases/{caseId}/survey-decisions`: the case's decision log, oldest first. */
export const surveyDecisionLogSchema = z.strictObject({
  caseId: z.string(),
  decisions: z.array(
    z.strictObject({
      event: z.enum(['scheduled', 'skipped', 'cancelled', 'sent', 'bounced', 'reminded', 'answered', 'unsubscribed']),
      kind: z.enum(['post_resolution', 'relationship']),
      customerId: z.string(),
      caseId: z.optional(z.string()),
      invitationId: z.optional(z.string()),
      // The mailer's reasons too: the link expired first, no address on record, SES refused it.
      reason: z.optional(z.enum([...skipReason.options, 'link_expired', 'no_contact', 'send_failed'])),
      detail: z.optional(z.string()),
      /** The resolution a skip is about (a retry of it finds this line rather than adding one). */
      resolvedAt: z.optional(z.iso.datetime()),
      decidedAt: z.iso.datetime(),
    }),
  ),
});
