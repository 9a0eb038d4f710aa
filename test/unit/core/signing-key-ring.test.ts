import { describe, expect, it } from 'vitest';
import { parseSigningKeyRing, serializeSigningKeyRing, type SigningKeyRing, verificationKeysOf } from '../../../functions/shared/core/signing-key-ring.ts';

const current = 'c'.repeat(64);
const next = 'n'.repeat(64);
const retired = 'p'.repeat(64);
const ring: SigningKeyRing = {
  current,
  next: { key: next, publishedAt: '2026-11-25T10:00:00.000Z' },
  previous: [{ key: retired, retiredAt: '2026-08-27T10:00:00.000Z' }],
};

describe('signing key ring', () => {
  it('reads the bare key CloudFormation generated as a ring of one, so links signed before rotation keep verifying', () => {
    expect(parseSigningKeyRing(current)).toEqual({ current, previous: [] });
  });

  it('reads back what it writes', () => {
    expect(parseSigningKeyRing(serializeSigningKeyRing(ring))).toEqual(ring);
    expect(JSON.parse(serializeSigningKeyRing(ring))).toMatchObject({ version: 1 });
  });

  it('verifies with the current, the next and the retired keys, current first', () => {
    expect(verificationKeysOf(ring)).toEqual([current, next, retired]);
  });

  it.each([
    ['missing', undefined, 'empty'],
    ['empty', '', 'empty'],
    ['a short bare key', 'short', 'too_short'],
    ['broken JSON', `{"current":"${current}"`, 'malformed'],
    ['a ring of an unknown version', JSON.stringify({ ...JSON.parse(serializeSigningKeyRing(ring)), version: 2 }), 'malformed'],
    ['a ring with a short key', serializeSigningKeyRing({ ...ring, previous: [{ key: 'short', retiredAt: '2026-08-27T10:00:00.000Z' }] }), 'malformed'],
    ['a ring with an unknown field', JSON.stringify({ ...JSON.parse(serializeSigningKeyRing(ring)), keys: [] }), 'malformed'],
    ['a ring with a bad date', serializeSigningKeyRing({ ...ring, next: { key: next, publishedAt: 'yesterday' } }), 'malformed'],
  ])('refuses a secret that is %s, without quoting key material', (_name, value, code) => {
    let thrown: unknown;
    try {
      parseSigningKeyRing(value);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ name: 'SigningKeyRingError', code });
    const error = thrown as Error;
    for (const key of [current, next, retired]) expect(`${error.message} ${String(error.cause)}`).not.toContain(key.slice(0, 16));
  });
});
