import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertRotationKeepsLinks, RING_CACHE_GRACE_DAYS, rotateSigningKeyRing } from '../../../../functions/links/core/rotate-signing-key-ring.ts';
import { type SigningKeyRing, verificationKeysOf } from '../../../../functions/links/core/signing-key-ring.ts';
import { signStatusToken, statusTokenExpiry, verifyStatusToken } from '../../../../functions/intake/core/status-token.ts';

const DAY_MS = 86_400_000;
const start = new Date('2026-11-25T10:30:00Z');
const complaintId = '0b9f6b2e-6c1a-4c1e-9a53-2f0a3c9e1d11';
const bareKey = 'b'.repeat(64);
const keyNumber = (n: number) => `key-${String(n).padStart(4, '0')}-${'r'.repeat(55)}`;
const linkLifetimeDays = 180;

/** The ring as each rotation left it, and the ring an environment loaded at `at` holds. */
const rotationHistory = (rotationDaysFromStart: readonly number[]) => {
  const history: { at: number; ring: SigningKeyRing }[] = [{ at: start.getTime(), ring: { current: bareKey, previous: [] } }];
  rotationDaysFromStart.forEach((days, index) => {
    const now = new Date(start.getTime() + days * DAY_MS);
    history.push({ at: now.getTime(), ring: rotateSigningKeyRing(history.at(-1)!.ring, { newKey: keyNumber(index), now, linkLifetimeDays }) });
  });
  const ringLoadedAt = (at: number) => history.filter((entry) => entry.at <= Math.max(at, start.getTime())).at(-1)!.ring;
  return { history, ringLoadedAt };
};

/** Signs at `signedAt` with a ring loaded `signerLagMs` earlier; verifies at `verifiedAt` with one loaded `verifierLagMs` earlier. */
const signThenVerify = (ringLoadedAt: (at: number) => SigningKeyRing, signedAt: number, signerLagMs: number, verifiedAt: number, verifierLagMs: number) => {
  const expiresAt = statusTokenExpiry(new Date(signedAt), linkLifetimeDays);
  const token = signStatusToken(complaintId, expiresAt, ringLoadedAt(signedAt - signerLagMs).current);
  return { expiresAt, verify: () => verifyStatusToken(token, verificationKeysOf(ringLoadedAt(verifiedAt - verifierLagMs)), new Date(verifiedAt)) };
};

describe('rotateSigningKeyRing', () => {
  it('first publishes a next key beside the bare generated key, and signs with it only at the following rotation', () => {
    const published = rotateSigningKeyRing({ current: bareKey, previous: [] }, { newKey: keyNumber(1), now: start, linkLifetimeDays });
    expect(published).toEqual({ current: bareKey, next: { key: keyNumber(1), publishedAt: start.toISOString() }, previous: [] });

    const later = new Date(start.getTime() + 90 * DAY_MS);
    const promoted = rotateSigningKeyRing(published, { newKey: keyNumber(2), now: later, linkLifetimeDays });
    expect(promoted).toEqual({
      current: keyNumber(1),
      next: { key: keyNumber(2), publishedAt: later.toISOString() },
      previous: [{ key: bareKey, retiredAt: later.toISOString() }],
    });
  });

  it('does not promote a next key published less than a grace day ago, so no running environment meets an unknown key', () => {
    const published = rotateSigningKeyRing({ current: bareKey, previous: [] }, { newKey: keyNumber(1), now: start, linkLifetimeDays });
    const soon = new Date(start.getTime() + RING_CACHE_GRACE_DAYS * DAY_MS - 1);
    expect(rotateSigningKeyRing(published, { newKey: keyNumber(2), now: soon, linkLifetimeDays })).toEqual(published);
  });

  it('keeps only the retired keys whose links may still be unexpired: at most three with 90-day rotation and 180-day links', () => {
    const { history } = rotationHistory(Array.from({ length: 12 }, (_, i) => (i + 1) * 90));
    for (const { ring } of history) expect(ring.previous.length).toBeLessThanOrEqual(3);
    expect(verificationKeysOf(history.at(-1)!.ring)).not.toContain(bareKey);
  });

  it('refuses a new key shorter than 32 characters', () => {
    expect(() => rotateSigningKeyRing({ current: bareKey, previous: [] }, { newKey: 'short', now: start, linkLifetimeDays })).toThrow(
      expect.objectContaining({ code: 'too_short' }),
    );
  });
});

describe('links across rotations', () => {
  it('rotating every 90 days for two years invalidates no link before it expires, and every link after', () => {
    const { ringLoadedAt } = rotationHistory(Array.from({ length: 8 }, (_, i) => (i + 1) * 90));
    for (let issueDay = 0; issueDay <= 540; issueDay += 7) {
      const signedAt = start.getTime() + issueDay * DAY_MS;
      // Environments loaded up to a day before, as Lambda keeps them for hours.
      for (const lag of [0, DAY_MS - 1]) {
        const { expiresAt } = signThenVerify(ringLoadedAt, signedAt, lag, signedAt, lag);
        for (let at = signedAt; at < expiresAt.getTime(); at += 5 * DAY_MS) {
          expect(signThenVerify(ringLoadedAt, signedAt, lag, at, lag).verify()).toBe(complaintId);
          expect(signThenVerify(ringLoadedAt, signedAt, 0, at, lag).verify()).toBe(complaintId);
          expect(signThenVerify(ringLoadedAt, signedAt, lag, at, 0).verify()).toBe(complaintId);
        }
        expect(() => signThenVerify(ringLoadedAt, signedAt, lag, expiresAt.getTime(), lag).verify()).toThrow(
          expect.objectContaining({ code: 'token_expired' }),
        );
      }
    }
  });

  it('keeps a link signed just after its key retired, by an environment loaded before, until it expires', () => {
    // Published at 00:00, promoted 90 days later at 23:00; a signer loaded at 22:30 still signs
    // with the bare key at 01:00 the next UTC day, so its link outlives retiredAt + 180 days.
    const publishAt = new Date('2026-11-25T00:00:00Z');
    const promoteAt = new Date('2027-02-23T23:00:00Z');
    const published = rotateSigningKeyRing({ current: bareKey, previous: [] }, { newKey: keyNumber(1), now: publishAt, linkLifetimeDays });
    const promoted = rotateSigningKeyRing(published, { newKey: keyNumber(2), now: promoteAt, linkLifetimeDays });
    const signedAt = new Date('2027-02-24T01:00:00Z');
    const expiresAt = statusTokenExpiry(signedAt, linkLifetimeDays);
    const token = signStatusToken(complaintId, expiresAt, published.current);
    expect(expiresAt.getTime()).toBeGreaterThan(promoteAt.getTime() + linkLifetimeDays * DAY_MS);

    // A rotation between retiredAt + 180 days and the link's expiry must keep the bare key.
    const pruneAt = new Date(promoteAt.getTime() + linkLifetimeDays * DAY_MS + 1_800_000);
    const afterPrune = rotateSigningKeyRing(promoted, { newKey: keyNumber(3), now: pruneAt, linkLifetimeDays });
    expect(verifyStatusToken(token, verificationKeysOf(afterPrune), new Date(expiresAt.getTime() - 1))).toBe(complaintId);
  });

  it('no schedule of rotations, however close together, invalidates an unexpired link', () => {
    const gap = fc.oneof(fc.double({ min: 1 / 6, max: 1.5, noNaN: true }), fc.double({ min: 1.5, max: 200, noNaN: true }));
    const lag = fc.double({ min: 0, max: 1, noNaN: true });
    fc.assert(
      fc.property(
        fc.array(gap, { minLength: 1, maxLength: 12 }),
        fc.nat(),
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.97, max: 1, noNaN: true })),
        lag,
        lag,
        (gaps, rotationIndex, issueOffsetDays, ageFraction, signerLag, verifierLag) => {
          const rotationDays = gaps.map((_, i) => gaps.slice(0, i + 1).reduce((sum, days) => sum + days, 0));
          const { ringLoadedAt } = rotationHistory(rotationDays);
          // Sign around a rotation, where stale environments matter.
          const signedAt = start.getTime() + Math.max(0, rotationDays[rotationIndex % rotationDays.length]! + issueOffsetDays) * DAY_MS;
          const lagMs = (fraction: number) => Math.floor(fraction * RING_CACHE_GRACE_DAYS * DAY_MS);
          const { expiresAt } = signThenVerify(ringLoadedAt, signedAt, lagMs(signerLag), signedAt, 0);
          const verifiedAt = signedAt + Math.floor(ageFraction * (expiresAt.getTime() - signedAt - 1));
          expect(signThenVerify(ringLoadedAt, signedAt, lagMs(signerLag), verifiedAt, lagMs(verifierLag)).verify()).toBe(complaintId);
        },
      ),
      { seed: 20261125, numRuns: 1000 },
    );
  });
});

describe('assertRotationKeepsLinks', () => {
  const published = rotateSigningKeyRing({ current: bareKey, previous: [] }, { newKey: keyNumber(1), now: start, linkLifetimeDays });
  const later = new Date(start.getTime() + 90 * DAY_MS);
  const rotated = rotateSigningKeyRing(published, { newKey: keyNumber(2), now: later, linkLifetimeDays });

  it('accepts what rotateSigningKeyRing produced', () => {
    expect(() => assertRotationKeepsLinks(published, rotated, { now: later, linkLifetimeDays })).not.toThrow();
  });

  it.each([
    ['drops the key that signed until now', { ...rotated, previous: [] }],
    ['drops the published next key', { ...published, next: { key: keyNumber(9), publishedAt: later.toISOString() } }],
    ['signs with a key no running environment holds', { ...rotated, current: keyNumber(9) }],
  ])('refuses a ring that %s', (_name, pending) => {
    expect(() => assertRotationKeepsLinks(published, pending, { now: later, linkLifetimeDays })).toThrow(
      expect.objectContaining({ name: 'SigningKeyRingError', code: 'unsafe_rotation' }),
    );
  });
});
