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
 */
export const isBearerOf = (authorization: string | undefined, key: string): boolean => {
  if (authorization === undefined) return false;
  const match = /^bearer +(\S+)\s*$/i.exec(authorization);
  const presented = match?.[1] ?? '';
  // Always compare, even on a malformed header, so that case takes no shorter path.
  const equal = timingSafeEqual(digestOf(presented), digestOf(key));
  return match !== null && equal;
};
