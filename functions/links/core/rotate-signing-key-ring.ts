import { MIN_SIGNING_KEY_LENGTH, type SigningKeyRing, verificationKeysOf } from './signing-key-ring.ts';
import { SigningKeyRingError } from './errors.ts';

const DAY_MS = 86_400_000;

/**
 * How long an execution environment may keep signing or verifying with the ring it loaded at
 * cold start. Lambda recycles environments "every few hours" even under steady traffic (Lambda
 * execution environment lifecycle docs); a day leaves a wide margin.
 *
 * @internal exported for its tests only
 */
export const RING_CACHE_GRACE_DAYS = 1;

export interface RotateSigningKeyRingOptions {
  /** A fresh random key, at least 32 characters. */
  readonly newKey: string;
  readonly now: Date;
  /** The longest lifetime of any link signed with the ring (status links: 180 days). */
  readonly linkLifetimeDays: number;
}

/**
 * One rotation: the published `next` key starts signing, `newKey` is published as the next one,
 * the retiring key joins `previous`, and retired keys whose links have all expired are dropped.
 * A ring without `next` (the bare key from before rotation) only publishes `newKey`; a `next`
 * published less than a grace day ago is not promoted yet, so rotations in quick succession never
 * sign with a key some running environment has not loaded.
 *
 * @example
 * ```ts
 * const rotated = rotateSigningKeyRing(ring, { newKey: randomBytes(48).toString('base64url'), now: new Date(), linkLifetimeDays: 180 });
 * ```
 */
export const rotateSigningKeyRing = (ring: SigningKeyRing, options: RotateSigningKeyRingOptions): SigningKeyRing => {
  const { newKey, now, linkLifetimeDays } = options;
  if (newKey.length < MIN_SIGNING_KEY_LENGTH) {
    throw new SigningKeyRingError('too_short', `A new link-signing key must be at least ${MIN_SIGNING_KEY_LENGTH} characters.`);
  }
  const at = now.toISOString();
  const stillNeeded = (retired: { readonly retiredAt: string }) =>
    Date.parse(retired.retiredAt) + (linkLifetimeDays + RING_CACHE_GRACE_DAYS) * DAY_MS > now.getTime();

  if (ring.next === undefined) {
    return { current: ring.current, next: { key: newKey, publishedAt: at }, previous: ring.previous.filter(stillNeeded) };
  }
  if (now.getTime() - Date.parse(ring.next.publishedAt) < RING_CACHE_GRACE_DAYS * DAY_MS) {
    return { ...ring, previous: ring.previous.filter(stillNeeded) };
  }
  return {
    current: ring.next.key,
    next: { key: newKey, publishedAt: at },
    previous: [{ key: ring.current, retiredAt: at }, ...ring.previous].filter(stillNeeded),
  };
};

/**
 * The rotation function's test step: refuses a new ring that would break a link. Every key the
 * old ring signs or verifies with must still verify (unless retired longer than links live), and
 * the new signing key must already be known to environments holding the old ring.
 *
 * @example
 * ```ts
 * assertRotationKeepsLinks(currentRing, pendingRing, { now: new Date(), linkLifetimeDays: 180 });
 * ```
 */
export const assertRotationKeepsLinks = (before: SigningKeyRing, after: SigningKeyRing, options: Omit<RotateSigningKeyRingOptions, 'newKey'>): void => {
  const keptAfter = new Set(verificationKeysOf(after));
  const retentionMs = (options.linkLifetimeDays + RING_CACHE_GRACE_DAYS) * DAY_MS;
  const stillNeeded = [
    before.current,
    ...(before.next ? [before.next.key] : []),
    ...before.previous.filter((retired) => Date.parse(retired.retiredAt) + retentionMs > options.now.getTime()).map((retired) => retired.key),
  ];
  if (stillNeeded.some((needed) => !keptAfter.has(needed))) {
    throw new SigningKeyRingError('unsafe_rotation', 'The new key ring drops a key that unexpired links were signed with.');
  }
  if (!verificationKeysOf(before).includes(after.current)) {
    throw new SigningKeyRingError('unsafe_rotation', 'The new key ring signs with a key that running functions cannot verify yet.');
  }
};
