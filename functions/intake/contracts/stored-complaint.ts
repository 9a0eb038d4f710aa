import * as z from 'zod/mini';
import { complaintCategory } from './complaint-submission.ts';

/**
 * The attributes of a stored complaint item that its status view shows, as the consumer writes
 * them (`complaintItem`). Items are read back through this schema rather than trusted: an item
 * edited by hand or written by an older version fails loudly instead of showing `"undefined"`.
 * Other attributes (the customer's text, keys, TTL) are allowed and ignored.
 */
export const storedComplaintStatusSchema = z.looseObject({
  reference: z.string().check(z.regex(/^CMP-[0-9A-HJKMNP-TV-Z]{8}$/)),
  /** `under_review` once an escalation is open (stored with it), `resolved` when a supervisor resolved it. */
  status: z.enum(['received', 'under_review', 'resolved']),
  category: complaintCategory,
  acceptedAt: z.iso.datetime(),
  receivedAt: z.iso.datetime(),
  /** The complainant's language, from the submission. */
  locale: z.optional(z.string()),
  /** The language the complainant is written to in: theirs, or their case's (set when an escalation opens). */
  language: z.optional(z.string()),
  /** When a supervisor's review began (the escalation opened). */
  underReviewAt: z.optional(z.iso.datetime()),
  /** The response time that applies: guaranteed by a premium contract, or a target. */
  responseGuaranteed: z.optional(z.boolean()),
  respondBy: z.optional(z.iso.datetime()),
  resolvedAt: z.optional(z.iso.datetime()),
  /** The resolution text the supervisor wrote for the complainant. */
  resolution: z.optional(z.string()),
});
