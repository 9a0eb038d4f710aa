import { createHash } from 'node:crypto';
import type { SurveyPolicySettings } from '../contracts/survey-policy-settings.ts';
import { type CustomerSurveyHistory, EMPTY_SURVEY_HISTORY } from './customer-survey-history.ts';
import type { InvitationSkipReason } from '../contracts/survey-decision-record.ts';
import { DAY_MS } from './survey-durations.ts';

/** How many customers a relationship campaign asks, and the seed that makes its draw repeatable. */
export interface CampaignSampling {
  readonly sampleSize: number;
  readonly seed: string;
}

export type CampaignSkipReason = Extract<InvitationSkipReason, 'opted_out' | 'address_suppressed' | 'recently_surveyed'>;

export interface CampaignSample<Customer> {
  /** At most `sampleSize` eligible customers, in draw order. */
  readonly selected: readonly Customer[];
  /** Every ineligible customer and why, for the decision log. */
  readonly skipped: readonly { readonly customerId: string; readonly reason: CampaignSkipReason }[];
  readonly eligibleCount: number;
}

/**
 * Draws a relationship (NPS) campaign's sample from the customers seen in the period. Each
 * customer's place in the draw is a hash of the seed and their id, so the same seed draws the
 * same customers whatever order the population arrives in (a retried schedule re-invites nobody
 * new), while another seed draws afresh. A customer listed twice counts once. Customers who opted
 * out, whose address is suppressed, or who had or have pending a relationship survey within
 * `relationshipThrottleDays` are never drawn.
 *
 * @example
 * ```ts
 * const { selected } = sampleCampaign(customers, { sampleSize: 1000, seed: 'nps-2026-q4' }, histories, settings, now);
 * ```
 */
export const sampleCampaign = <Customer extends { readonly id: string }>(
  customers: readonly Customer[],
  sampling: CampaignSampling,
  histories: ReadonlyMap<string, CustomerSurveyHistory>,
  settings: SurveyPolicySettings,
  now: Date,
): CampaignSample<Customer> => {
  if (!Number.isInteger(sampling.sampleSize) || sampling.sampleSize < 0) {
    throw new RangeError(`A campaign's sample size must be a whole number of customers, not ${sampling.sampleSize}.`);
  }
  const unique = [...new Map(customers.map((customer) => [customer.id, customer])).values()];
  const drawn = unique
    .map((customer) => ({ customer, place: createHash('sha256').update(`${sampling.seed}\n${customer.id}`).digest('hex') }))
    .sort((a, b) => (a.place < b.place ? -1 : a.place > b.place ? 1 : 0));
  const throttleMs = settings.relationshipThrottleDays * DAY_MS;
  const eligible: Customer[] = [];
  const skipped: { customerId: string; reason: CampaignSkipReason }[] = [];
  for (const { customer } of drawn) {
    const reason = campaignSkipReasonFor(histories.get(customer.id) ?? EMPTY_SURVEY_HISTORY, throttleMs, now);
    if (reason) skipped.push({ customerId: customer.id, reason });
    else eligible.push(customer);
  }
  return { selected: eligible.slice(0, sampling.sampleSize), skipped, eligibleCount: eligible.length };
};

/**
 * Why a customer may not get a relationship survey now, if they may not: opted out, address
 * suppressed, or surveyed (or pending) within `throttleMs`. The campaign's chunk consumer uses it
 * to explain a refused invitation.
 *
 * @example
 * ```ts
 * campaignSkipReasonFor(history, 90 * DAY_MS, new Date()); // 'recently_surveyed' | undefined | …
 * ```
 */
const campaignSkipReasonFor = (history: CustomerSurveyHistory, throttleMs: number, now: Date): CampaignSkipReason | undefined => {
  if (history.optedOut) return 'opted_out';
  if (history.suppression) return 'address_suppressed';
  const lastSurvey = history.lastRelationshipSurveyAt ? Date.parse(history.lastRelationshipSurveyAt) : undefined;
  if (lastSurvey !== undefined && now.getTime() - lastSurvey < throttleMs) return 'recently_surveyed';
  if ((history.pendingRelationshipInvitations ?? []).some((invitation) => invitation.state === 'scheduled')) return 'recently_surveyed';
  return undefined;
};
