import type { CampaignChunkMessage } from '../contracts/campaign-messages.ts';
import type { SurveyPolicySettings } from '../contracts/survey-policy-settings.ts';
import type { CampaignStore, RelationshipInvitation } from './campaign-store.ts';
import type { CampaignSkipReason } from './sample-campaign.ts';
import { staggeredSendTime } from './start-campaign.ts';
import type { SurveyDecisionRecord } from '../contracts/survey-decision-record.ts';
import { DAY_MS, isoAfter } from './survey-durations.ts';
import { retainUntilOf } from './customer-survey-history.ts';
import { relationshipInvitationId } from './survey-invitation-id.ts';

export interface ChunkOutcome {
  readonly scheduled: number;
  readonly skipped: Partial<Record<CampaignSkipReason, number>>;
}

/** How many customers of a chunk are written at once: DynamoDB round trips overlap, the chunk ends well inside the timeout. */
const CONCURRENCY = 8;

/**
 * Creates the relationship invitations of one campaign chunk. Each customer's invitation has an
 * id derived from the campaign and the customer and a send time fixed by its place in the
 * campaign, and is stored by one conditional transaction that also enforces opt-out, suppression
 * and the relationship throttle; a redelivered chunk finds its invitations stored and adds none.
 * A refused customer gets a `skipped` line in their decision log, dated by the campaign's start so
 * redelivery rewrites rather than repeats it. Throws on the first store
 * failure, so SQS redelivers the chunk (the customers already done are no-ops then).
 *
 * @example
 * ```ts
 * await inviteCampaignChunk(chunk, { store, policy }); // { scheduled: 96, skipped: { opted_out: 4 } }
 * ```
 */
export const inviteCampaignChunk = async (
  chunk: CampaignChunkMessage,
  { store, policy }: { store: CampaignStore; policy: SurveyPolicySettings },
): Promise<ChunkOutcome> => {
  let scheduled = 0;
  const skipped: Partial<Record<CampaignSkipReason, number>> = {};
  // Dated by the campaign's start, not the clock: a redelivered chunk then writes the very same
  // decision line (same key) instead of a second one.
  const decidedAt = chunk.startsAt;
  const inviteOne = async (customerId: string, index: number) => {
    const scheduledFor = staggeredSendTime(chunk.startsAt, chunk.firstIndex + index, chunk.ratePerSecond);
    const expiresAt = isoAfter(new Date(scheduledFor), policy.linkExpiryDays * DAY_MS);
    const invitation: RelationshipInvitation = {
      invitationId: relationshipInvitationId(chunk.campaignId, customerId),
      kind: 'relationship',
      campaignId: chunk.campaignId,
      customerId,
      state: 'scheduled',
      scheduledFor,
      expiresAt,
      retainUntil: retainUntilOf(expiresAt, policy.retentionDays),
    };
    const record: SurveyDecisionRecord = {
      event: 'scheduled',
      kind: 'relationship',
      customerId,
      invitationId: invitation.invitationId,
      detail: `campaign ${chunk.campaignId}`,
      decidedAt,
    };
    const throttleFrom = new Date(Date.parse(scheduledFor) - policy.relationshipThrottleDays * DAY_MS).toISOString();
    const outcome = await store.scheduleRelationshipInvitation(invitation, record, throttleFrom);
    if (outcome.kind === 'scheduled') {
      scheduled++;
      return;
    }
    skipped[outcome.reason] = (skipped[outcome.reason] ?? 0) + 1;
    await store.recordCustomerDecision({ ...record, event: 'skipped', invitationId: undefined, reason: outcome.reason });
  };
  let next = 0;
  const worker = async () => {
    while (next < chunk.customerIds.length) {
      const index = next++;
      await inviteOne(chunk.customerIds[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, chunk.customerIds.length) }, worker));
  return { scheduled, skipped };
};
