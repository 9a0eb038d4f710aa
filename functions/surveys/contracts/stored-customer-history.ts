import * as z from 'zod/mini';

const instant = z.iso.datetime();

/** The customer's consent, deliverability and last survey times (`CUSTOMER#<id>` / `HISTORY`). */
export const storedCustomerHistorySchema = z.looseObject({
  optedOut: z.optional(z.boolean()),
  suppression: z.optional(z.enum(['bounced', 'complained'])),
  lastPostResolutionSurveyAt: z.optional(instant),
  lastRelationshipSurveyAt: z.optional(instant),
});
