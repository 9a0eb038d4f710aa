import type { SigningKeyRing } from '../../functions/links/core/signing-key-ring.ts';

/** Three recognisable 64-character keys: the one signing now, the published next, a retired one. */
export const ringKeys = { current: 'c'.repeat(64), next: 'n'.repeat(64), retired: 'p'.repeat(64) } as const;

/**
 * A key ring as two rotations leave it: signing with `current`, `next` published, one retired.
 *
 * @example
 * mockClient(SecretsManagerClient).on(GetSecretValueCommand).resolves({ SecretString: serializeSigningKeyRing(rotatedKeyRing()) });
 */
export const rotatedKeyRing = (): SigningKeyRing => ({
  current: ringKeys.current,
  next: { key: ringKeys.next, publishedAt: '2026-11-25T10:00:00.000Z' },
  previous: [{ key: ringKeys.retired, retiredAt: '2026-08-27T10:00:00.000Z' }],
});
