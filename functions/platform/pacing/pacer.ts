import type middy from '@middy/core';

/** Spaces calls out in time, in the order they ask. */
export interface Pacer {
  /** Waits for this call's turn: at least the interval after the previous turn. */
  turn(): Promise<void>;
  /** Waits until the interval after the last turn has passed. */
  rest(): Promise<void>;
}

/**
 * A pacer whose turns come at least `intervalMs` apart. Hand-written: p-throttle spaces calls the
 * same way but has no `rest`, which a paced queue consumer needs (see {@link restAfterInvocation}).
 *
 * @example
 * ```ts
 * const pacer = createPacer(143); // 7 calls a second at most
 * await pacer.turn();
 * await ses.send(command);
 * ```
 */
export const createPacer = (
  intervalMs: number,
  clock: { readonly nowMs: () => number; readonly sleep: (ms: number) => Promise<void> } = {
    nowMs: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  },
): Pacer => {
  let nextTurnAt = Number.NEGATIVE_INFINITY;
  const waitUntil = async (at: number) => {
    const wait = at - clock.nowMs();
    if (wait > 0) await clock.sleep(wait);
  };
  return {
    turn: async () => {
      const at = Math.max(clock.nowMs(), nextTurnAt);
      nextTurnAt = at + intervalMs;
      await waitUntil(at);
    },
    rest: () => waitUntil(nextTurnAt),
  };
};

/**
 * Middleware that ends each invocation only once `pacer` has rested. An event source mapping with
 * a maximum concurrency of N runs at most N invocations at once, but the next one may land in
 * another execution environment, whose pacer knows nothing of this one's last call: holding the
 * invocation until the interval has passed keeps each of the N places paced across environments.
 *
 * @example
 * ```ts
 * export const handler = sqsBatchHandler(sendOne).use(restAfterInvocation(pacer));
 * ```
 */
export const restAfterInvocation = (pacer: Pacer): middy.MiddlewareObj => ({
  after: () => pacer.rest(),
  onError: () => pacer.rest(),
});
