import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signStatusToken, statusTokenExpiry, verifyStatusToken } from '../../../../functions/intake/core/status-token.ts';
import { ringKeys } from '../../../helpers/key-rings.ts';

const key = 'k'.repeat(64);
const complaintId = '0b9f6b2e-6c1a-4c1e-9a53-2f0a3c9e1d11';
const now = new Date('2026-11-25T10:30:00Z');
const expiresAt = statusTokenExpiry(now, 180);

describe('status tokens', () => {
  it('grants the complaint it was signed for', () => {
    expect(verifyStatusToken(signStatusToken(complaintId, expiresAt, key), key, now)).toBe(complaintId);
  });

  it('expires ttlDays after the start of the issuing UTC day', () => {
    expect(expiresAt.toISOString()).toBe('2027-05-24T00:00:00.000Z');
    expect(statusTokenExpiry(new Date('2026-11-25T23:59:59Z'), 180)).toEqual(expiresAt);
  });

  it.each([
    ['missing', undefined, 'invalid_token'],
    ['empty', '', 'invalid_token'],
    ['malformed', 'abc', 'invalid_token'],
    ['signed with another key', signStatusToken(complaintId, expiresAt, 'x'.repeat(64)), 'invalid_token'],
    ['pointing at another complaint', signStatusToken(complaintId, expiresAt, key).replace('0b9f', '1b9f'), 'invalid_token'],
    ['with a stretched expiry', signStatusToken(complaintId, expiresAt, key).replace(/\.(\d+)\./, '.9$1.'), 'invalid_token'],
    ['expired', signStatusToken(complaintId, new Date('2026-11-25T10:29:59Z'), key), 'token_expired'],
  ])('refuses a token that is %s', (_name, token, code) => {
    expect(() => verifyStatusToken(token, key, now)).toThrow(expect.objectContaining({ code }));
  });

  describe('across key rotation', () => {
    const { current, next, retired } = ringKeys;
    const ring = [current, next, retired];

    it.each([
      ['the current key', current],
      ['the published next key', next],
      ['a retired key still kept', retired],
    ])('grants a token signed with %s', (_name, signingKey) => {
      expect(verifyStatusToken(signStatusToken(complaintId, expiresAt, signingKey), ring, now)).toBe(complaintId);
    });

    it('refuses a token signed with a key the ring no longer holds', () => {
      const token = signStatusToken(complaintId, expiresAt, key);
      expect(() => verifyStatusToken(token, ring, now)).toThrow(expect.objectContaining({ code: 'invalid_token' }));
    });

    it('refuses an expired token even when a kept key signed it', () => {
      const token = signStatusToken(complaintId, new Date(now.getTime() - 1000), retired);
      expect(() => verifyStatusToken(token, ring, now)).toThrow(expect.objectContaining({ code: 'token_expired' }));
    });

    it('grants a link issued before rotation existed: <id>.<expiry>.<HMAC-SHA256 base64url>, no key id', () => {
      const payload = `${complaintId}.${Math.floor(expiresAt.getTime() / 1000)}`;
      const issuedBefore = `${payload}.${createHmac('sha256', retired).update(payload).digest('base64url')}`;
      expect(verifyStatusToken(issuedBefore, ring, now)).toBe(complaintId);
    });
  });
});
