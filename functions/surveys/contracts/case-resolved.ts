import * as z from 'zod/mini';
import { localeTag, singleLineText } from '../../platform/text/text-fields.ts';

/** The support contracts a customer can hold; premium contracts carry response-time obligations. */
const CUSTOMER_TIERS = ['premium', 'standard'] as const;

/**
 * The body of `POST /cases/resolved`, sent by the support system when it resolves a case. Strict:
 * an unknown field is refused, so a misspelt `chanel` cannot silently bypass a channel exclusion.
 * `resolvedAt` may carry an offset (support systems often send local time); it is compared as an
 * instant.
 *
 * @example
 * ```ts
 * caseResolvedSchema.parse({
 *   caseId: 'CASE-2026-0042',
 *   resolvedAt: '2026-11-25T10:30:00+09:00',
 *   customer: { id: 'cust-17', email: 'ada@example.com', tier: 'premium', locale: 'ja' },
 *   channel: 'email',
 * });
 * ```
 */
export const caseResolvedSchema = z.strictObject({
  caseId: singleLineText(64),
  resolvedAt: z.iso.datetime({ offset: true }),
  customer: z.strictObject({
    id: singleLineText(128),
    email: z.email().check(z.maxLength(254)),
    name: z.optional(singleLineText(200)),
    locale: z.optional(localeTag),
    tier: z.enum(CUSTOMER_TIERS),
    region: z.optional(singleLineText(64)),
  }),
  product: z.optional(singleLineText(100)),
  team: z.optional(singleLineText(100)),
  agentId: z.optional(singleLineText(128)),
  channel: z.optional(singleLineText(64)),
});

export type CaseResolved = z.infer<typeof caseResolvedSchema>;
