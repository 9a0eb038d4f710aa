import * as z from 'zod/mini';

/**
 * What an answer is reported under, fixed when its invitation is made (from the resolved case the
 * support system described), copied onto the response, and read from the stream by the counters.
 * Every field is optional: a case may name no team or agent. Values are counted as given.
 */
export const reportedAsSchema = z.looseObject({
  team: z.optional(z.string()),
  product: z.optional(z.string()),
  agent: z.optional(z.string()),
  region: z.optional(z.string()),
  /** The primary subtag of the customer's locale, lower-cased (`ja` for `ja-JP`). */
  language: z.optional(z.string()),
  tier: z.optional(z.string()),
});

export type ReportedAs = z.infer<typeof reportedAsSchema>;
