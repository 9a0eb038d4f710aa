/**
 * How long an invitation whose message SQS accepted is leased to it, so no later dispatcher run
 * queues it again: the message's life in the notifications queue, five receives three minutes
 * apart (its visibility timeout) before the dead-letter queue. A run takes the lease only once
 * the message is queued, so a run that dies holds nothing back.
 */
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
 * How many mailer invocations the notifications queue may run at once: one per ten emails a
 * second of SES's rate (an invocation mails its batch of ten about a second apart), and at least
 * 2, the least an event source mapping allows.
 *
 * @example
 * ```ts
 * mailerConcurrency(14); // 2
 * mailerConcurrency(50); // 5
 * ```
 */
export const mailerConcurrency = (sesMaxSendRate: number): number => Math.max(2, Math.ceil(sesMaxSendRate / 10));

/**
 * Milliseconds between one mailer invocation's SES calls, so that {@link mailerConcurrency}
 * invocations together stay under SES's rate in every second, not only on average: each gets a
 * whole number of calls a second, their sum at most the rate. Below two emails a second (the
 * sandbox's one) each gets a share of one, so the rate holds on average and a second sees at most
 * one email per invocation.
 *
 * @example
 * ```ts
 * mailerSendIntervalMs(14); // 143: 2 invocations of 7 emails a second
 * mailerSendIntervalMs(25); // 125: 3 invocations of 8, 24 a second
 * mailerSendIntervalMs(1); // 2000
 * ```
 */
export const mailerSendIntervalMs = (sesMaxSendRate: number): number => {
  const concurrency = mailerConcurrency(sesMaxSendRate);
  const callsPerSecondEach = Math.floor(sesMaxSendRate / concurrency);
  return callsPerSecondEach >= 1 ? Math.ceil(1000 / callsPerSecondEach) : Math.ceil((1000 * concurrency) / sesMaxSendRate);
};

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
