import { describe, expect, it } from 'vitest';
import { parseSigningKeyRing, serializeSigningKeyRing, verificationKeysOf } from '../../../../functions/links/core/signing-key-ring.ts';
import { ringKeys, rotatedKeyRing } from '../../../helpers/key-rings.ts';

const { current, next, retired } = ringKeys;
const ring = rotatedKeyRing();

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
