import * as z from 'zod/mini';

const instant = z.iso.datetime();
const surveyKind = z.enum(['post_resolution', 'relationship']);

/**
 * A survey invitation as the survey store writes it (the invitation item and the copy on its case
 * pointer). Items are read back through this schema rather than trusted: one edited by hand or
 * written by an older version fails loudly. Keys and index attributes are allowed and ignored.
 */
export const storedInvitationSchema = z.looseObject({
  invitationId: z.string(),
  kind: surveyKind,
  customerId: z.string(),
  caseId: z.optional(z.string()),
  state: z.enum(['scheduled', 'cancelled', 'sent', 'answered']),
  scheduledFor: instant,
  expiresAt: instant,
  sentAt: z.optional(instant),
  remindedAt: z.optional(instant),
  cancelledAt: z.optional(instant),
});

/** The customer's consent, deliverability and last survey times (`CUSTOMER#<id>` / `HISTORY`). */
export const storedCustomerHistorySchema = z.looseObject({
  optedOut: z.optional(z.boolean()),
  suppression: z.optional(z.enum(['bounced', 'complained'])),
  lastPostResolutionSurveyAt: z.optional(instant),
  lastRelationshipSurveyAt: z.optional(instant),
});

/** One line of a case's decision log (`CASE#<caseId>` / `DECISION#<decidedAt>#…`). */
export const storedDecisionSchema = z.looseObject({
  event: z.enum(['scheduled', 'skipped', 'cancelled', 'sent', 'bounced', 'reminded', 'answered']),
  kind: surveyKind,
  customerId: z.string(),
  caseId: z.optional(z.string()),
  invitationId: z.optional(z.string()),
  reason: z.optional(z.enum(['opted_out', 'address_suppressed', 'recently_surveyed', 'case_already_invited', 'case_excluded'])),
  detail: z.optional(z.string()),
  decidedAt: instant,
});
