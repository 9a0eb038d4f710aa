import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import middy from '@middy/core';
import { createPacer, restAfterInvocation } from '../../../../functions/platform/pacing/pacer.ts';

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Starts `count` turns of `pacer` at once and answers the instants they were given, once all are. */
const turnsAt = async (pacer: ReturnType<typeof createPacer>, count: number): Promise<number[]> => {
  const given: number[] = [];
  const turns = Array.from({ length: count }, () => pacer.turn().then(() => given.push(Date.now())));
  await vi.runAllTimersAsync();
  await Promise.all(turns);
  return given;
};

/** The most instants in any one-second window [t, t + 1000). */
const mostInOneSecond = (instants: readonly number[]) => Math.max(...instants.map((start) => instants.filter((at) => at >= start && at < start + 1000).length));

describe('createPacer', () => {
  it('gives turns asked for at once one interval apart, the first at once', async () => {
    expect(await turnsAt(createPacer(143), 10)).toEqual([0, 143, 286, 429, 572, 715, 858, 1001, 1144, 1287]);
  });

  it('gives a turn at once when the interval has passed since the last one', async () => {
    const pacer = createPacer(143);
    await turnsAt(pacer, 2);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await turnsAt(pacer, 1)).toEqual([5_143]);
  });

  it('rests until the interval after the last turn, and not at all once it has passed', async () => {
    const pacer = createPacer(143);
    await turnsAt(pacer, 3);
    const rested = pacer.rest().then(() => Date.now());
    await vi.runAllTimersAsync();
    expect(await rested).toBe(429);

    const again = pacer.rest().then(() => Date.now());
    await vi.runAllTimersAsync();
    expect(await again).toBe(429);
  });

  it('keeps one place paced when invocations that rest take turns in fresh environments', async () => {
    // Three invocations one after another on one place of the mapping, each in a new environment
    // (a new pacer), each resting before it returns: 30 calls, never more than 7 in a second.
    const instants: number[] = [];
    for (let invocation = 0; invocation < 3; invocation++) {
      const pacer = createPacer(143);
      instants.push(...(await turnsAt(pacer, 10)));
      const rested = pacer.rest();
      await vi.runAllTimersAsync();
      await rested;
    }
    expect(instants).toHaveLength(30);
    expect(mostInOneSecond(instants)).toBe(7);
  });

  it('lets a fresh environment burst past the pace when the invocation before it did not rest', async () => {
    // The reason for restAfterInvocation: without the rest, the next environment starts at once.
    const instants = [...(await turnsAt(createPacer(143), 10)), ...(await turnsAt(createPacer(143), 10))];
    expect(mostInOneSecond(instants)).toBeGreaterThan(7);
  });
});

describe('restAfterInvocation', () => {
  it.each([
    ['returns', async () => 'done', { value: 'done' }],
    [
      'throws',
      async () => {
        throw new Error('SES is down');
      },
      { error: 'SES is down' },
    ],
  ])('ends an invocation that %s only once its pacer has rested, with what it ended with', async (_name, work, outcome) => {
    const pacer = createPacer(500);
    const handler = middy(async () => {
      await pacer.turn();
      return work();
    }).use(restAfterInvocation(pacer));
    const ended = handler(undefined, {} as never).then(
      (value) => ({ at: Date.now(), value }),
      (error: Error) => ({ at: Date.now(), error: error.message }),
    );
    await vi.runAllTimersAsync();
    // A failure still fails the invocation, so SQS retries its messages.
    expect(await ended).toEqual({ at: 500, ...outcome });
  });
});
