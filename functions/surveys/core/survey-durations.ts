/** Milliseconds in an hour and in a day; policy durations are configured in these units. */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/**
 * The instant `ms` milliseconds after `instant`, as ISO 8601.
 *
 * @example
 * ```ts
 * isoAfter(new Date('2026-11-25T00:00:00Z'), DAY_MS); // '2026-11-26T00:00:00.000Z'
 * ```
 */
export const isoAfter = (instant: Date, ms: number): string => new Date(instant.getTime() + ms).toISOString();
