import { createHash, timingSafeEqual } from 'node:crypto';

const digestOf = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * Whether an `Authorization` header value is exactly `Bearer <key>`. Both sides are hashed first,
 * so timingSafeEqual compares equal-length digests and the time taken tells nothing about the
 * key, not even its length. The scheme is matched case-insensitively (RFC 9110 §11.1).
 *
 * @example
 * ```ts
 * isBearerOf('Bearer s3cret', 's3cret'); // true
 * isBearerOf('s3cret', 's3cret'); // false
 * ```
 * @internal exported for its tests; the handler uses isBearerOfAny
 */
export const isBearerOf = (authorization: string | undefined, key: string): boolean => {
  if (authorization === undefined) return false;
  const match = /^bearer +(\S+)\s*$/i.exec(authorization);
  const presented = match?.[1] ?? '';
  // Always compare, even on a malformed header, so that case takes no shorter path.
  const equal = timingSafeEqual(digestOf(presented), digestOf(key));
  return match !== null && equal;
};

/** Whether the header is `Bearer <key>` for one of `keys`; every key is compared, so which one matched takes no shorter path. */
export const isBearerOfAny = (authorization: string | undefined, keys: readonly string[]): boolean =>
  keys.map((key) => isBearerOf(authorization, key)).reduce((any, matched) => any || matched, false);
