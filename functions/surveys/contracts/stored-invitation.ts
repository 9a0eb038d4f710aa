import * as z from 'zod/mini';
import { reportedAsSchema } from './reported-as.ts';
import { surveyKindSchema } from './survey-kind.ts';

const instant = z.iso.datetime();

/**
 * A survey invitation as the survey store writes it (the invitation item and the copy on its case
 * pointer). Items are read back through this schema rather than trusted: one edited by hand or
 * written by an older version fails loudly. Keys and index attributes are allowed and ignored
 * (so in every stored-item schema of this folder, one file each: a function bundles the ones it reads).
 */
export const storedInvitationSchema = z.looseObject({
  invitationId: z.string(),
  kind: surveyKindSchema,
  customerId: z.string(),
  caseId: z.optional(z.string()),
  state: z.enum(['scheduled', 'cancelled', 'sent', 'answered']),
  scheduledFor: instant,
  /** When the link stops working. */
  linkExpiresAt: z.optional(instant),
  /**
   * The table's TTL attribute, epoch seconds: when the item is deleted. Items written before
   * retention existed hold the link's expiry here instead, as an instant (which TTL ignores).
   */
  expiresAt: z.optional(z.union([z.number(), instant])),
  sentAt: z.optional(instant),
  remindedAt: z.optional(instant),
  cancelledAt: z.optional(instant),
  /** SES reported a bounce of its email. */
  bouncedAt: z.optional(instant),
  /** What its answer is reported under (absent on invitations made before reports existed). */
  reportedAs: z.optional(reportedAsSchema),
});
