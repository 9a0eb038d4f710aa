import * as z from 'zod/mini';
import { surveyKindSchema } from './survey-kind.ts';

const instant = z.iso.datetime();

/** One line of a case's decision log (`CASE#<caseId>` / `DECISION#<decidedAt>#…`). */
export const storedDecisionSchema = z.looseObject({
  event: z.enum(['scheduled', 'skipped', 'cancelled', 'sent', 'bounced', 'reminded', 'answered', 'unsubscribed']),
  kind: surveyKindSchema,
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
