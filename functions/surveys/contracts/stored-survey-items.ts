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
  event: z.enum(['scheduled', 'skipped', 'cancelled', 'sent', 'bounced', 'reminded', 'answered', 'unsubscribed']),
  kind: surveyKind,
  customerId: z.string(),
  caseId: z.optional(z.string()),
  invitationId: z.optional(z.string()),
  reason: z.optional(
    z.enum(['opted_out', 'address_suppressed', 'recently_surveyed', 'case_already_invited', 'case_excluded', 'link_expired', 'no_contact', 'send_failed']),
  ),
  detail: z.optional(z.string()),
  resolvedAt: z.optional(instant),
  decidedAt: instant,
});

/**
 * How to reach a customer (`CUSTOMER#<id>` / `CONTACT`), as the latest resolved case reported it.
 * Written on every `POST /cases/resolved`; read by the mailer (address, name, language) and by
 * relationship campaigns, which find the customers seen in a month on gsi1
 * (`gsi1pk = SEEN#<yyyy-mm of lastSeenAt>`, `gsi1sk = <customerId>`). Personal data: never logged.
 */
export const storedCustomerContactSchema = z.looseObject({
  customerId: z.string(),
  email: z.string(),
  name: z.optional(z.string()),
  locale: z.optional(z.string()),
  tier: z.enum(['premium', 'standard']),
  region: z.optional(z.string()),
  lastSeenAt: instant,
});

/**
 * What the support system said about a case (`CASE#<caseId>` / `CONTEXT`), written on every
 * `POST /cases/resolved`, so a complaint naming the case inherits its customer, tier, product,
 * region, team and agent (the escalation rules read it).
 */
export const storedCaseContextSchema = z.looseObject({
  caseId: z.string(),
  customerId: z.string(),
  tier: z.enum(['premium', 'standard']),
  locale: z.optional(z.string()),
  region: z.optional(z.string()),
  product: z.optional(z.string()),
  team: z.optional(z.string()),
  agentId: z.optional(z.string()),
  channel: z.optional(z.string()),
  resolvedAt: instant,
});
