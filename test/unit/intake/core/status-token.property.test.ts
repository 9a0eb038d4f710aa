import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidStatusTokenError } from '../../../../functions/intake/core/errors.ts';
import { signStatusToken, verifyStatusToken } from '../../../../functions/intake/core/status-token.ts';
import { propertyRuns } from '../../../helpers/property-runs.ts';

const signingKey = fc.string({ minLength: 32, maxLength: 64 });
// Whole seconds: the token carries its expiry in epoch seconds.
const instant = fc.integer({ min: 1_700_000_000, max: 4_000_000_000 }).map((seconds) => new Date(seconds * 1000));
const lifetimeMs = fc.integer({ min: 1000, max: 400 * 86_400_000 });
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const refusal = (act: () => unknown): InvalidStatusTokenError | undefined => {
  try {
    act();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidStatusTokenError);
    return error as InvalidStatusTokenError;
  }
};

describe('status tokens, for any complaint, key and time', () => {
  it('verify to the complaint they were signed for until they expire', () => {
    fc.assert(
      fc.property(fc.uuid(), signingKey, instant, lifetimeMs, (complaintId, key, expiresAt, lifetime) => {
        const token = signStatusToken(complaintId, expiresAt, key);
        expect(verifyStatusToken(token, key, new Date(expiresAt.getTime() - lifetime))).toBe(complaintId);
      }),
      propertyRuns(300),
    );
  });

  it('are refused as expired from their expiry on', () => {
    fc.assert(
      fc.property(fc.uuid(), signingKey, instant, fc.nat({ max: 400 * 86_400_000 }), (complaintId, key, expiresAt, after) => {
        const token = signStatusToken(complaintId, expiresAt, key);
        expect(refusal(() => verifyStatusToken(token, key, new Date(expiresAt.getTime() + after)))?.code).toBe('token_expired');
      }),
      propertyRuns(300),
    );
  });

  it('are refused after any one character is changed', () => {
    fc.assert(
      fc.property(fc.uuid(), signingKey, instant, fc.nat(), fc.nat(), (complaintId, key, expiresAt, position, replacement) => {
        const token = signStatusToken(complaintId, expiresAt, key);
        const index = position % token.length;
        const alphabet = BASE64URL.replace(token[index]!, '');
        const changed = `${token.slice(0, index)}${alphabet[replacement % alphabet.length]}${token.slice(index + 1)}`;
        // Checked long before expiry, so only the change can be why it is refused.
        expect(refusal(() => verifyStatusToken(changed, key, new Date(expiresAt.getTime() - 1000)))?.code).toBe('invalid_token');
      }),
      propertyRuns(1000),
    );
  });

  it('are refused under any other key', () => {
    fc.assert(
      fc.property(fc.uuid(), signingKey, signingKey, instant, (complaintId, key, otherKey, expiresAt) => {
        fc.pre(key !== otherKey);
        const token = signStatusToken(complaintId, expiresAt, key);
        expect(refusal(() => verifyStatusToken(token, otherKey, new Date(expiresAt.getTime() - 1000)))?.code).toBe('invalid_token');
      }),
      propertyRuns(300),
    );
  });
});
