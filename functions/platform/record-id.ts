import { createHash, randomUUID } from 'node:crypto';

/**
 * The id of an accepted submission. Without an Idempotency-Key it is random; with one it is
 * derived from the route, the key and the validated body, so a client's retry gets the same id
 * (and the consumer's conditional write stores it once) while a key reused for a different body
 * gets a new id instead of silently dropping that body.
 *
 * @example
 * ```ts
 * recordIdFor('complaint', 'retry-1', '{"email":"a@example.com"}'); // same input, same id
 * ```
 */
export const recordIdFor = (scope: string, idempotencyKey: string | undefined, canonicalBody: string): string => {
  if (idempotencyKey === undefined) return randomUUID();
  const digest = createHash('sha256').update(`${scope}\n${idempotencyKey}\n${canonicalBody}`).digest();
  return formatAsUuid(digest);
};

// Formats 16 bytes of the digest as an RFC 9562 version 8 ("custom") UUID, so derived and
// random ids share one shape and one validation rule.
const formatAsUuid = (digest: Buffer): string => {
  const bytes = Buffer.from(digest.subarray(0, 16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/** Idempotency keys are opaque to us: 1 to 255 visible ASCII characters, as most APIs allow. */
export const isValidIdempotencyKey = (key: string): boolean => /^[\x21-\x7e]{1,255}$/.test(key);
