import * as z from 'zod/mini';

/** `202` of `POST /complaints`. */
export const complaintReceiptSchema = z.strictObject({
  complaintId: z.string(),
  reference: z.string(),
  statusUrl: z.string(),
});
export type ComplaintReceipt = z.infer<typeof complaintReceiptSchema>;

/** `200` of `GET /complaints/status`: what the holder of a status link may see. */
export const complaintStatusViewSchema = z.strictObject({
  reference: z.string(),
  status: z.enum(['queued', 'received', 'under_review', 'resolved']),
  category: z.optional(z.string()),
  acceptedAt: z.optional(z.string()),
  receivedAt: z.optional(z.string()),
  /** Once resolved: what the supervisor did, as they wrote it. */
  resolution: z.optional(z.string()),
  resolvedAt: z.optional(z.string()),
});
export type ComplaintStatusView = z.infer<typeof complaintStatusViewSchema>;

/** `202` of `POST /feedback`. */
export const feedbackReceiptSchema = z.strictObject({ feedbackId: z.string() });

/** Every 4xx and 5xx. */
export const errorBodySchema = z.strictObject({
  error: z.strictObject({
    code: z.string(),
    message: z.string(),
    details: z.array(z.strictObject({ path: z.string(), code: z.string(), message: z.string() })),
    /** On a 409 of the supervisor API: who holds the escalation. */
    holder: z.optional(z.string()),
  }),
});
