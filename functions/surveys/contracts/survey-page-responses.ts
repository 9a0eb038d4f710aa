import * as z from 'zod/mini';

/** `202` of a JSON `POST /s/{token}`: the invitation's one response, the same id on every update. */
export const surveyReceiptSchema = z.strictObject({ responseId: z.string() });

/**
 * `200` of `GET /s/{token}` with `Accept: application/json` (and, with `status: "expired"` and the
 * error body, its `410`): where the survey stands and the answer given so far. A `provisional`
 * response is a one-click score waiting for the customer's confirmation.
 */
export const surveyStateViewSchema = z.strictObject({
  status: z.enum(['open', 'answered', 'expired']),
  kind: z.enum(['post_resolution', 'relationship']),
  locale: z.string(),
  response: z.optional(
    z.strictObject({
      responseId: z.string(),
      status: z.enum(['provisional', 'confirmed']),
      source: z.enum(['one_click', 'page', 'api']),
      answer: z.strictObject({
        csat: z.optional(z.int()),
        nps: z.optional(z.int()),
        ces: z.optional(z.int()),
        reasons: z.optional(z.array(z.string())),
        comment: z.optional(z.string()),
      }),
      updatedAt: z.string(),
    }),
  ),
});
