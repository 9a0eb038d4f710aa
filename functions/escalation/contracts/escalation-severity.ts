import * as z from 'zod/mini';

// Apart from escalation-rules.ts so that the supervisor API, which needs only these two enums,
// does not bundle the whole rules schema (about 20 KB of zod it never runs).

/** How urgent an escalation is, lowest first: the order decides which matching rule wins. */
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof severity>;

/** Premium-contract customers have guaranteed response times; standard customers a target. */
export const customerTier = z.enum(['premium', 'standard']);
export type CustomerTier = z.infer<typeof customerTier>;
