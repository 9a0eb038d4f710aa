import { describe, expect, it } from 'vitest';
import { complaintReference } from '../../../../functions/intake/core/complaint-reference.ts';

describe('complaintReference', () => {
  it('is CMP- and eight Crockford base32 characters', () => {
    expect(complaintReference('0b9f6b2e-6c1a-4c1e-9a53-2f0a3c9e1d11')).toMatch(/^CMP-[0-9A-HJKMNP-TV-Z]{8}$/);
  });

  it('is the same for the same complaint and differs between complaints', () => {
    const id = '0b9f6b2e-6c1a-4c1e-9a53-2f0a3c9e1d11';
    expect(complaintReference(id)).toBe(complaintReference(id));
    const references = new Set(Array.from({ length: 10_000 }, (_, i) => complaintReference(`id-${i}`)));
    expect(references.size).toBe(10_000);
  });
});
