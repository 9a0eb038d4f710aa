import * as z from 'zod/mini';
import { customerTier, severity } from './escalation-severity.ts';

const instant = z.iso.datetime();

/**
 * An escalation as the escalation store writes it (`ESCALATION#<id>` / `ESCALATION`), read back
 * through this schema rather than trusted. Keys and index attributes are allowed and ignored.
 */
export const storedEscalationSchema = z.looseObject({
  id: z.string(),
  /** Absent on escalations stored before surveys could raise one: a complaint. */
  source: z.optional(z.enum(['complaint', 'survey'])),
  reference: z.string(),
  version: z.number().check(z.int(), z.gte(1)),
  team: z.string(),
  tier: customerTier,
  region: z.string(),
  severity,
  guaranteed: z.boolean(),
  subjectAgentId: z.optional(z.string()),
  level: z.number().check(z.int(), z.gte(1)),
  assignee: z.string(),
  status: z.enum(['open', 'claimed', 'acknowledged', 'resolved']),
  claimedBy: z.optional(z.string()),
  createdAt: instant,
  ackDueAt: instant,
  warnAt: instant,
  resolveDueAt: instant,
  warned: z.boolean(),
  breached: z.boolean(),
  acknowledgedAt: z.optional(instant),
  resolvedAt: z.optional(instant),
  resolution: z.optional(z.string()),
});
