import { describe, expect, it } from 'vitest';
import { deliverPaced } from '../../../../functions/escalation/core/deliver-paced.ts';

// A clock the deliveries and the sleeps move, so the pace is measured, not waited for.
const clocked = (deliveryMs: number) => {
  let now = 0;
  const startedAt: number[] = [];
  return {
    startedAt,
    nowMs: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
    deliver: async (chunk: readonly number[]) => {
      startedAt.push(now);
      now += deliveryMs;
      return { sent: chunk.length, claimedElsewhere: 0, undeliverable: 0, failed: 0 };
    },
  };
};

describe('deliverPaced', () => {
  it('sends a second’s worth at a time: 100 emails at 14 a second take 8 chunks, a second apart', async () => {
    const clock = clocked(300);
    const report = await deliverPaced(
      Array.from({ length: 100 }, (_, n) => n),
      clock.deliver,
      { perSecond: 14, timeLeftMs: () => 60_000, nowMs: clock.nowMs, sleep: clock.sleep },
    );
    expect(report).toEqual({ sent: 100, claimedElsewhere: 0, undeliverable: 0, failed: 0, left: 0 });
    expect(clock.startedAt).toEqual([0, 1000, 2000, 3000, 4000, 5000, 6000, 7000]);
  });

  it('does not wait after a chunk that took its second already', async () => {
    const clock = clocked(1500);
    await deliverPaced([1, 2, 3, 4], clock.deliver, { perSecond: 2, timeLeftMs: () => 60_000, nowMs: clock.nowMs, sleep: clock.sleep });
    expect(clock.startedAt).toEqual([0, 1500]);
  });

  it('stops when the time left is under a second, leaving the rest for the sweep', async () => {
    const clock = clocked(100);
    const report = await deliverPaced(
      Array.from({ length: 50 }, (_, n) => n),
      clock.deliver,
      { perSecond: 10, timeLeftMs: () => 3_500 - clock.nowMs(), nowMs: clock.nowMs, sleep: clock.sleep },
    );
    expect(report.sent).toBe(30);
    expect(report.left).toBe(20);
  });
});
