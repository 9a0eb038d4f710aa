/** How long a queued invitation is leased to its message: no other dispatcher run queues it meanwhile. */
export const DISPATCH_LEASE_MS = 15 * 60_000;

/**
 * How long the mailer holds an invitation while it calls SES: longer than one invocation can run,
 * so a second delivery of the same message waits instead of sending a second email.
 */
export const SENDING_CLAIM_MS = 2 * 60_000;

/**
 * How many emails one dispatcher run may queue: SES's sending rate (emails per second) times the
 * seconds between runs, so a backlog drains at the rate SES accepts instead of piling throttled
 * messages onto the queue. At least one, so a tiny rate still makes progress.
 *
 * @example
 * ```ts
 * dispatchRunCap(14, 60); // 840 emails per one-minute run
 * ```
 */
export const dispatchRunCap = (sesMaxSendRate: number, intervalSeconds: number): number => Math.max(1, Math.floor(sesMaxSendRate * intervalSeconds));

/**
 * The instant until which a lease or claim taken at `now` holds, as ISO 8601 (leases compare as
 * text in DynamoDB conditions, which ISO instants of one length allow).
 *
 * @example
 * ```ts
 * leaseUntil(new Date('2026-11-25T00:00:00Z'), DISPATCH_LEASE_MS); // '2026-11-25T00:15:00.000Z'
 * ```
 */
export const leaseUntil = (now: Date, durationMs: number): string => new Date(now.getTime() + durationMs).toISOString();

/**
 * When an invitation sent at `sentAt` is due its reminder: the dispatcher finds it on the sparse
 * `REMINDERS_DUE` index from then on.
 *
 * @example
 * ```ts
 * reminderDueAt('2026-11-25T00:00:00.000Z', 3); // '2026-11-28T00:00:00.000Z'
 * ```
 */
export const reminderDueAt = (sentAt: string, reminderAfterDays: number): string => new Date(Date.parse(sentAt) + reminderAfterDays * 86_400_000).toISOString();
