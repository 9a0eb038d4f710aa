import type { DeliveryReport } from './deliver-notifications.ts';

export interface Pace {
  /** Emails a second at most: the SES account's sending rate. */
  readonly perSecond: number;
  /** Milliseconds the caller may still start a second's sending in. */
  readonly timeLeftMs: () => number;
  readonly nowMs?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Two delivery reports as one: a run's chunks, or a sweep's pages. */
export const addDeliveries = <Total extends DeliveryReport>(total: Total, more: DeliveryReport): Total => ({
  ...total,
  sent: total.sent + more.sent,
  claimedElsewhere: total.claimedElsewhere + more.claimedElsewhere,
  undeliverable: total.undeliverable + more.undeliverable,
  failed: total.failed + more.failed,
});

/**
 * Delivers `items` a second's worth at a time, so a burst (a watcher run that moved 1,000
 * escalations, a sweep catching up) stays under SES's sending rate, and stops when the caller's
 * time runs short: what is left stays pending in the outbox for the sweep. Hand-written: a
 * rate-limiting library would pace single calls, and these go out in parallel a chunk at a time.
 *
 * @example
 * const report = await deliverPaced(notifications, (chunk) => notifier.deliver(chunk), { perSecond: 14, timeLeftMs });
 */
export const deliverPaced = async <T>(
  items: readonly T[],
  deliver: (chunk: readonly T[]) => Promise<DeliveryReport>,
  { perSecond, timeLeftMs, nowMs = () => Date.now(), sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)) }: Pace,
): Promise<DeliveryReport & { readonly left: number }> => {
  const chunkSize = Math.max(1, Math.floor(perSecond));
  let report = { sent: 0, claimedElsewhere: 0, undeliverable: 0, failed: 0, left: 0 };
  for (let start = 0; start < items.length; start += chunkSize) {
    if (timeLeftMs() < 1000) return { ...report, left: items.length - start };
    const began = nowMs();
    report = addDeliveries(report, await deliver(items.slice(start, start + chunkSize)));
    const rest = 1000 - (nowMs() - began);
    if (start + chunkSize < items.length && rest > 0) await sleep(rest);
  }
  return report;
};
