/** How long to wait before deciding again after the `attempt`-th lost race: jittered, growing. */
const jitteredPause = (attempt: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.random() * 100 * attempt));

/**
 * Runs one read-decide-write `round` until it does not lose a race (`'conflict'`: another
 * transaction held the round-robin item or another item it writes at the same moment), reading
 * and deciding afresh each time, at most `maxAttempts` times; then throws `giveUp(attempts)`, so
 * the queue retries the message later. The escalation openers (complaints, low scores) share it.
 *
 * @example
 * ```ts
 * await decideAgainAfterLostRaces(() => storeOnce(message), {
 *   giveUp: (attempts) => new ComplaintConflictError('store_conflict', `Complaint ${id} lost ${attempts} races; SQS retries it.`),
 * });
 * ```
 */
export const decideAgainAfterLostRaces = async <T>(
  round: () => Promise<T | 'conflict'>,
  options: { readonly giveUp: (attempts: number) => Error; readonly maxAttempts?: number; readonly pause?: (attempt: number) => Promise<void> },
): Promise<T> => {
  const maxAttempts = options.maxAttempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    const outcome = await round();
    if (outcome !== 'conflict') return outcome;
    if (attempt >= maxAttempts) throw options.giveUp(attempt);
    await (options.pause ?? jitteredPause)(attempt);
  }
};
