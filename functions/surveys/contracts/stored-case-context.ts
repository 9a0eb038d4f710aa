import * as z from 'zod/mini';

const instant = z.iso.datetime();

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
