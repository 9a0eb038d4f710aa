import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_RECIPIENTS_PER_CHUNK, planCampaignFanOut } from '../../../../functions/surveys/core/plan-campaign-fan-out.ts';
import { propertyRuns } from '../../../helpers/property-runs.ts';

const sum = (sizes: readonly number[]) => sizes.reduce((total, size) => total + size, 0);
// Reduced, not spread: a campaign can have more chunks than a call has room for arguments.
const smallestOf = (sizes: readonly number[]) => sizes.reduce((a, b) => Math.min(a, b));
const largestOf = (sizes: readonly number[]) => sizes.reduce((a, b) => Math.max(a, b));

describe('planCampaignFanOut', () => {
  // SES's default production quota is 14 emails a second; 60 s and 900 s are a short and the
  // longest Lambda timeout.
  it.each([
    // recipients, rate/s, timeout s, safety, chunks, chunk size range, SendMessageBatch calls, largest chunk s, total s
    [1_000, 14, 60, 0.5, 3, [333, 334], 1, 334 / 14, 1_000 / 14],
    [100_000, 14, 60, 0.5, 239, [418, 419], 24, 419 / 14, 100_000 / 14],
    [1_000, 14, 900, 0.5, 1, [1_000, 1_000], 1, 1_000 / 14, 1_000 / 14],
    [100_000, 14, 900, 0.5, 100, [1_000, 1_000], 10, 1_000 / 14, 100_000 / 14],
    [1_000, 100, 30, 0.8, 1, [1_000, 1_000], 1, 10, 10],
    [100_000, 100, 30, 0.8, 100, [1_000, 1_000], 10, 10, 1_000],
    [100_000, 1, 15, 0.5, 14_286, [6, 7], 1_429, 7, 100_000],
  ])(
    'fans %i recipients at %i/s under a %i s timeout (safety %f) into %i chunks',
    (recipients, rate, timeout, safety, chunks, [smallest, largest], batches, largestChunkSeconds, expectedSeconds) => {
      const plan = planCampaignFanOut({ recipients, sesRatePerSecond: rate, lambdaTimeoutSeconds: timeout, safety });
      expect(plan.chunkSizes).toHaveLength(chunks);
      expect(smallestOf(plan.chunkSizes)).toBe(smallest);
      expect(largestOf(plan.chunkSizes)).toBe(largest);
      expect(sum(plan.chunkSizes)).toBe(recipients);
      expect(plan.sendMessageBatches).toBe(batches);
      expect(plan.largestChunkSeconds).toBeCloseTo(largestChunkSeconds, 6);
      expect(plan.expectedSeconds).toBeCloseTo(expectedSeconds, 6);
    },
  );

  it('plans nothing for an empty campaign', () => {
    expect(planCampaignFanOut({ recipients: 0, sesRatePerSecond: 14, lambdaTimeoutSeconds: 60, safety: 0.5 })).toEqual({
      chunkSizes: [],
      sendMessageBatches: 0,
      largestChunkSeconds: 0,
      expectedSeconds: 0,
    });
  });

  it.each([
    ['a fractional recipient count', { recipients: 1.5 }],
    ['a negative recipient count', { recipients: -1 }],
    ['a zero SES rate', { sesRatePerSecond: 0 }],
    ['a zero timeout', { lambdaTimeoutSeconds: 0 }],
    ['a safety above 1', { safety: 1.5 }],
    ['a safety of 0', { safety: 0 }],
    ['a rate too slow to send one email in time', { sesRatePerSecond: 0.01 }],
  ])('refuses %s', (_name, override) => {
    expect(() => planCampaignFanOut({ recipients: 1_000, sesRatePerSecond: 14, lambdaTimeoutSeconds: 60, safety: 0.5, ...override })).toThrow(RangeError);
  });

  it('for any campaign, covers every recipient once in even chunks that fit the safe share of the timeout', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200_000 }),
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 3, max: 900 }),
        fc.double({ min: 0.1, max: 1, noNaN: true }),
        (recipients, rate, timeout, safety) => {
          fc.pre(rate * timeout * safety >= 1);
          const plan = planCampaignFanOut({ recipients, sesRatePerSecond: rate, lambdaTimeoutSeconds: timeout, safety });
          expect(sum(plan.chunkSizes)).toBe(recipients);
          expect(plan.chunkSizes.every((size) => size >= 1 && size <= MAX_RECIPIENTS_PER_CHUNK)).toBe(true);
          expect(plan.largestChunkSeconds).toBeLessThanOrEqual(timeout * safety);
          if (plan.chunkSizes.length > 0) expect(largestOf(plan.chunkSizes) - smallestOf(plan.chunkSizes)).toBeLessThanOrEqual(1);
          expect(plan.sendMessageBatches).toBe(Math.ceil(plan.chunkSizes.length / 10));
        },
      ),
      propertyRuns(300),
    );
  });
});
