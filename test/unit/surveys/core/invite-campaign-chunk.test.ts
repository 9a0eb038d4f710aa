import { describe, expect, it } from 'vitest';
import type { CampaignChunkMessage } from '../../../../functions/surveys/contracts/campaign-messages.ts';
import { inviteCampaignChunk } from '../../../../functions/surveys/core/invite-campaign-chunk.ts';
import { relationshipInvitationId } from '../../../../functions/surveys/core/survey-invitation-id.ts';
import { policy } from './survey-fixtures.ts';
import { fakeCampaignStore } from './survey-store-fakes.ts';

const chunk = (overrides: Partial<CampaignChunkMessage> = {}): CampaignChunkMessage => ({
  type: 'campaign.chunk',
  version: 1,
  campaignId: 'nps-2026-11-25',
  startsAt: '2026-11-25T12:00:00.000Z',
  ratePerSecond: 2,
  firstIndex: 10,
  customerIds: ['c-1', 'c-2', 'c-3'],
  ...overrides,
});

describe('inviteCampaignChunk', () => {
  it('schedules each customer at their place in the campaign, their link valid for the policy expiry', async () => {
    const { store, invitations } = fakeCampaignStore({});
    expect(await inviteCampaignChunk(chunk(), { store, policy: policy() })).toEqual({ scheduled: 3, skipped: {} });
    expect([...invitations.values()]).toEqual([
      expect.objectContaining({
        customerId: 'c-1',
        kind: 'relationship',
        campaignId: 'nps-2026-11-25',
        state: 'scheduled',
        scheduledFor: '2026-11-25T12:00:05.000Z',
        expiresAt: '2026-12-09T12:00:05.000Z',
      }),
      expect.objectContaining({ customerId: 'c-2', scheduledFor: '2026-11-25T12:00:05.500Z' }),
      expect.objectContaining({ customerId: 'c-3', scheduledFor: '2026-11-25T12:00:06.000Z' }),
    ]);
    expect(invitations.has(relationshipInvitationId('nps-2026-11-25', 'c-1'))).toBe(true);
  });

  it('asks the store to hold the relationship throttle back from each send time', async () => {
    const { store, throttles } = fakeCampaignStore({});
    await inviteCampaignChunk(chunk({ customerIds: ['c-1'] }), { store, policy: policy({ relationshipThrottleDays: 90 }) });
    expect(throttles).toEqual(['2026-08-27T12:00:05.000Z']);
  });

  it('records a skip for each customer the store refuses, and counts them by reason', async () => {
    const { store, decisions } = fakeCampaignStore(
      {},
      { 'c-1': { kind: 'refused', reason: 'opted_out' }, 'c-3': { kind: 'refused', reason: 'recently_surveyed' } },
    );
    expect(await inviteCampaignChunk(chunk(), { store, policy: policy() })).toEqual({ scheduled: 1, skipped: { opted_out: 1, recently_surveyed: 1 } });
    expect(decisions.filter((record) => record.event === 'skipped')).toEqual([
      // Dated by the campaign start: a redelivery writes the same decision line again, not a new one.
      expect.objectContaining({ customerId: 'c-1', kind: 'relationship', reason: 'opted_out', invitationId: undefined, decidedAt: '2026-11-25T12:00:00.000Z' }),
      expect.objectContaining({ customerId: 'c-3', reason: 'recently_surveyed' }),
    ]);
  });

  it('adds nothing when the chunk is delivered again', async () => {
    const { store, invitations, decisions } = fakeCampaignStore({});
    await inviteCampaignChunk(chunk(), { store, policy: policy() });
    await inviteCampaignChunk(chunk(), { store, policy: policy() });
    expect(invitations.size).toBe(3);
    expect(decisions).toHaveLength(3);
  });

  it('fails the chunk when the store fails, so SQS delivers it again', async () => {
    const { store } = fakeCampaignStore({});
    const failing = { ...store, scheduleRelationshipInvitation: async () => Promise.reject(new Error('throttled')) };
    await expect(inviteCampaignChunk(chunk(), { store: failing, policy: policy() })).rejects.toThrow('throttled');
  });
});
