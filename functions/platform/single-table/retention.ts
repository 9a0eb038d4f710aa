const DAY_SECONDS = 86_400;

/** The TTL value (epoch seconds) after which DynamoDB may delete an item accepted at `acceptedAt`. */
export const expiresAtEpochSeconds = (acceptedAt: string, retentionDays: number): number =>
  Math.floor(Date.parse(acceptedAt) / 1000) + retentionDays * DAY_SECONDS;

/** `2026-11` for `2026-11-25T…`: the month bucket of the listing index. */
export const monthOf = (isoTimestamp: string): string => isoTimestamp.slice(0, 7);
