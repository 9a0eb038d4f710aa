import { describe, expect, it } from 'vitest';
import type { CampaignChunkMessage } from '../../../../functions/surveys/contracts/campaign-messages.ts';
import { type CampaignSettings, staggeredSendTime, startCampaign } from '../../../../functions/surveys/core/start-campaign.ts';
import { now, policy } from './survey-fixtures.ts';
import { fakeCampaignStore } from './survey-store-fakes.ts';

const campaign = (overrides: Partial<CampaignSettings> = {}): CampaignSettings => ({
  periodMonths: 3,
  sampleFraction: 1,
  maxSampleSize: 100_000,
  sesRatePerSecond: 14,
  chunkTimeoutSeconds: 60,
  ...overrides,
});
const customers = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => `${prefix}-${index}`);

const run = async (seen: Record<string, string[]>, settings: CampaignSettings, event = {}) => {
  const sent: CampaignChunkMessage[] = [];
  const queue = {
    sendAll: async (messages: readonly CampaignChunkMessage[]) => {
      sent.push(...messages);
      return { batches: Math.ceil(messages.length / 10) };
    },
  };
  const summary = await startCampaign(event, { store: fakeCampaignStore(seen).store, queue, policy: policy(), campaign: settings, now });
  return { summary, sent };
};

describe('startCampaign', () => {
  it('draws from the months of the period, the run month included, and names the campaign by its scheduled day', async () => {
    const { summary } = await run({ '2026-09': customers('a', 2), '2026-10': customers('b', 3), '2026-12': ['late'] }, campaign(), {
      scheduledTime: '2026-11-01T06:00:00Z',
    });
    expect(summary).toMatchObject({ campaignId: 'nps-2026-11-01', months: ['2026-09', '2026-10', '2026-11'], customersSeen: 5, sampled: 5 });
  });

  it('crosses a year boundary', async () => {
    const { summary } = await run({}, campaign({ periodMonths: 4 }), { scheduledTime: '2027-01-01T06:00:00Z' });
    expect(summary.months).toEqual(['2026-10', '2026-11', '2026-12', '2027-01']);
  });

  it.each([
    ['a fraction', campaign({ sampleFraction: 0.25 }), {}, 250],
    ['a cap', campaign({ maxSampleSize: 100 }), {}, 100],
    ['the event', campaign(), { sampleSize: 7 }, 7],
    ['nothing', campaign(), {}, 1000],
  ])('samples as %s says', async (_, settings, event, sampled) => {
    const { summary, sent } = await run({ '2026-11': customers('c', 1000) }, settings, event);
    expect(summary.sampled).toBe(sampled);
    expect(sent.flatMap((chunk) => chunk.customerIds)).toHaveLength(sampled);
  });

  it('fans 1,000 customers out in chunks of at most half the chunk timeout at the SES rate, each customer once', async () => {
    const { summary, sent } = await run({ '2026-11': customers('c', 1000) }, campaign());
    // 14/s × 60 s × 0.5 = 420 per chunk at most: 3 chunks of 334, 333, 333.
    expect(sent.map((chunk) => chunk.customerIds.length)).toEqual([334, 333, 333]);
    expect(sent.map((chunk) => chunk.firstIndex)).toEqual([0, 334, 667]);
    expect(new Set(sent.flatMap((chunk) => chunk.customerIds)).size).toBe(1000);
    expect(summary).toMatchObject({ chunks: 3, sendMessageBatches: 1, startsAt: now.toISOString() });
    // The 1,000th invitation falls due 999/14 s after the start.
    expect(summary.lastScheduledFor).toBe(new Date(now.getTime() + Math.floor((999 * 1000) / 14)).toISOString());
  });

  it('draws the same customers when the same campaign is started again', async () => {
    const seen = { '2026-11': customers('c', 500) };
    const first = await run(seen, campaign({ sampleFraction: 0.1 }), { campaignId: 'nps-q4' });
    const again = await run(seen, campaign({ sampleFraction: 0.1 }), { campaignId: 'nps-q4' });
    expect(again.sent.flatMap((chunk) => chunk.customerIds)).toEqual(first.sent.flatMap((chunk) => chunk.customerIds));
  });

  it('queues nothing when no customer was seen', async () => {
    const { summary, sent } = await run({}, campaign());
    expect(sent).toEqual([]);
    expect(summary).toMatchObject({ sampled: 0, chunks: 0, lastScheduledFor: now.toISOString() });
  });
});

describe('staggeredSendTime', () => {
  it.each([
    [0, 14, '2027-01-01T06:00:00.000Z'],
    [13, 14, '2027-01-01T06:00:00.928Z'],
    [14, 14, '2027-01-01T06:00:01.000Z'],
    [840, 14, '2027-01-01T06:01:00.000Z'],
    [99_999, 14, '2027-01-01T07:59:02.785Z'],
  ])('puts invitation %i at %i per second at %s', (index, rate, expected) => {
    expect(staggeredSendTime('2027-01-01T06:00:00.000Z', index, rate)).toBe(expected);
  });
});
