import { createHash } from 'node:crypto';

// Crockford's base32: no I, L, O or U, so a reference read aloud over the phone survives.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The short, human-friendly reference of a complaint, e.g. `CMP-7K3QX9AB`: 40 bits taken from a
 * hash of the id, so the same complaint always shows the same reference. It is a label for
 * people, not a key: at a million complaints the chance that two share one is about 1 in 2,000.
 *
 * @example
 * ```ts
 * complaintReference('0b9f6b2e-6c1a-4c1e-9a53-2f0a3c9e1d11'); // 'CMP-…' (8 characters)
 * ```
 */
export const complaintReference = (complaintId: string): string => {
  const digest = createHash('sha256').update(complaintId).digest();
  let bits = 0n;
  for (const byte of digest.subarray(0, 5)) bits = (bits << 8n) | BigInt(byte);
  let code = '';
  for (let i = 0; i < 8; i++) {
    code = CROCKFORD[Number(bits & 31n)] + code;
    bits >>= 5n;
  }
  return `CMP-${code}`;
};
