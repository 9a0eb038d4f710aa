import * as z from 'zod/mini';

/** One audit entry (`ESCALATION#<id>` / `AUDIT#<at>#<seq>`): who did what, when. Written once, never changed. */
export const storedAuditEntrySchema = z.looseObject({
  at: z.iso.datetime(),
  actor: z.string(),
  action: z.string(),
  detail: z.record(z.string(), z.string()),
});
