import * as z from 'zod/mini';

const instant = z.iso.datetime();

/**
 * What the campaign schedule sends the campaign starter. EventBridge Scheduler fills
 * `scheduledTime` from `<aws.scheduler.scheduled-time>`; an operator starting a campaign by hand
 * may name it (`campaignId`) and its sample size instead.
 *
 * @example
 * ```ts
 * campaignStartEventSchema.parse({ scheduledTime: '2027-01-01T06:00:00Z' });
 * ```
 */
export const campaignStartEventSchema = z.strictObject({
  scheduledTime: z.optional(z.iso.datetime({ offset: true })),
  campaignId: z.optional(z.string().check(z.regex(/^[A-Za-z0-9._-]{1,64}$/))),
  sampleSize: z.optional(z.int().check(z.gte(0), z.lte(1_000_000))),
});
export type CampaignStartEvent = z.infer<typeof campaignStartEventSchema>;

/**
 * One chunk of a relationship campaign on the campaign queue: the customers to invite and where
 * they stand in the campaign's sending order, so each invitation's send time is fixed by its
 * place (`startsAt + (firstIndex + i) / ratePerSecond` seconds) whichever consumer takes it.
 */
export const campaignChunkMessage = z.strictObject({
  type: z.literal('campaign.chunk'),
  version: z.literal(1),
  campaignId: z.string().check(z.minLength(1), z.maxLength(64)),
  startsAt: instant,
  ratePerSecond: z.number().check(z.gt(0)),
  firstIndex: z.int().check(z.gte(0)),
  customerIds: z.array(z.string().check(z.minLength(1), z.maxLength(128))).check(z.minLength(1), z.maxLength(1000)),
});
export type CampaignChunkMessage = z.infer<typeof campaignChunkMessage>;
