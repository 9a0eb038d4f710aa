import type { CampaignChunkMessage, CampaignStartEvent } from '../contracts/campaign-messages.ts';
import type { SurveyPolicySettings } from '../contracts/survey-policy-settings.ts';
import type { CampaignChunkQueue, CampaignStore } from './campaign-store.ts';
import { planCampaignFanOut } from './plan-campaign-fan-out.ts';
import { sampleCampaign } from './sample-campaign.ts';

/** How a deployment runs its relationship campaigns. */
export interface CampaignSettings {
  /** Months of customers a campaign draws from, counting back from the month it runs in (inclusive). */
  readonly periodMonths: number;
  /** The share of the customers seen that is asked (0 < fraction <= 1). */
  readonly sampleFraction: number;
  /** At most this many customers per campaign. */
  readonly maxSampleSize: number;
  /** The SES sending rate: invitations are staggered so at most this many fall due per second. */
  readonly sesRatePerSecond: number;
  /** The chunk consumer's timeout; a chunk is sized to take at most half of it. */
  readonly chunkTimeoutSeconds: number;
}

export interface CampaignStartSummary {
  readonly campaignId: string;
  readonly months: readonly string[];
  readonly customersSeen: number;
  readonly sampled: number;
  readonly chunks: number;
  readonly sendMessageBatches: number;
  readonly startsAt: string;
  /** When the last sampled customer's invitation falls due: the staggering span's end. */
  readonly lastScheduledFor: string;
}

/**
 * Starts a relationship (NPS) campaign: lists the customers seen in the period (one gsi1 partition
 * per month, no scan), draws the sample by the campaign id as seed (a retried start draws the same
 * customers), and fans the sample out to the campaign queue in chunks sized by
 * {@link planCampaignFanOut}. Eligibility (opt-out, suppression, the relationship throttle) is
 * checked per customer by the chunk consumer, in the same conditional write that stores the
 * invitation, so the starter reads no customer's history. Invitation `i` falls due
 * `i / sesRatePerSecond` seconds after the start, so the dispatcher finds at most the SES rate
 * due per second.
 *
 * @example
 * ```ts
 * await startCampaign({ scheduledTime: '2027-01-01T06:00:00Z' }, { store, queue, policy, campaign, now: new Date() });
 * // { campaignId: 'nps-2027-01-01', months: ['2026-10', '2026-11', '2026-12', '2027-01'], … }
 * ```
 */
export const startCampaign = async (
  event: CampaignStartEvent,
  {
    store,
    queue,
    policy,
    campaign,
    now,
  }: { store: CampaignStore; queue: CampaignChunkQueue<CampaignChunkMessage>; policy: SurveyPolicySettings; campaign: CampaignSettings; now: Date },
): Promise<CampaignStartSummary> => {
  const scheduledTime = event.scheduledTime === undefined ? now : new Date(event.scheduledTime);
  const campaignId = event.campaignId ?? `nps-${scheduledTime.toISOString().slice(0, 10)}`;
  const months = monthsEndingAt(scheduledTime, campaign.periodMonths);
  const customerIds = (await Promise.all(months.map((month) => store.listCustomersSeen(month)))).flat();
  const sampleSize = event.sampleSize ?? Math.min(campaign.maxSampleSize, Math.ceil(customerIds.length * campaign.sampleFraction));
  const { selected } = sampleCampaign(
    customerIds.map((id) => ({ id })),
    { sampleSize, seed: campaignId },
    new Map(),
    policy,
    now,
  );
  const plan = planCampaignFanOut({
    recipients: selected.length,
    sesRatePerSecond: campaign.sesRatePerSecond,
    lambdaTimeoutSeconds: campaign.chunkTimeoutSeconds,
    safety: 0.5,
  });
  const startsAt = now.toISOString();
  const messages: CampaignChunkMessage[] = [];
  let firstIndex = 0;
  for (const size of plan.chunkSizes) {
    messages.push({
      type: 'campaign.chunk',
      version: 1,
      campaignId,
      startsAt,
      ratePerSecond: campaign.sesRatePerSecond,
      firstIndex,
      customerIds: selected.slice(firstIndex, firstIndex + size).map((customer) => customer.id),
    });
    firstIndex += size;
  }
  const { batches } = await queue.sendAll(messages);
  return {
    campaignId,
    months,
    customersSeen: customerIds.length,
    sampled: selected.length,
    chunks: messages.length,
    sendMessageBatches: batches,
    startsAt,
    lastScheduledFor: staggeredSendTime(startsAt, Math.max(0, selected.length - 1), campaign.sesRatePerSecond),
  };
};

/**
 * When the campaign's `index`-th invitation falls due: `index / ratePerSecond` seconds after the
 * start, so at most `ratePerSecond` fall due in any second.
 *
 * @example
 * ```ts
 * staggeredSendTime('2027-01-01T06:00:00.000Z', 28, 14); // '2027-01-01T06:00:02.000Z'
 * ```
 */
export const staggeredSendTime = (startsAt: string, index: number, ratePerSecond: number): string =>
  new Date(Date.parse(startsAt) + Math.floor((index * 1000) / ratePerSecond)).toISOString();

/** The `yyyy-mm` of the `count` months ending with the month of `instant` (UTC), oldest first. */
const monthsEndingAt = (instant: Date, count: number): string[] =>
  Array.from({ length: count }, (_, back) => {
    const month = new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth() - (count - 1 - back), 1));
    return month.toISOString().slice(0, 7);
  });
