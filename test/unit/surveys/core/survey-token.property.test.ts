import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signStatusToken, verifyStatusToken } from '../../../../functions/intake/core/status-token.ts';
import { signSurveyToken, verifySurveyToken } from '../../../../functions/surveys/core/survey-token.ts';
import { propertyRuns } from '../../../helpers/property-runs.ts';
import { InvalidSurveyTokenError } from '../../../../functions/surveys/core/errors.ts';

const signingKey = fc.string({ minLength: 32, maxLength: 64 });
// Whole seconds: the token carries its expiry in epoch seconds.
const instant = fc.integer({ min: 1_700_000_000, max: 4_000_000_000 }).map((seconds) => new Date(seconds * 1000));
const lifetimeMs = fc.integer({ min: 1000, max: 90 * 86_400_000 });
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const refusal = (act: () => unknown): InvalidSurveyTokenError | undefined => {
  try {
    act();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidSurveyTokenError);
    return error as InvalidSurveyTokenError;
  }
};

describe('survey tokens, for any invitation, key and time', () => {
  it('verify to the invitation they were signed for until they expire', () => {
    fc.assert(
      fc.property(fc.uuid(), signingKey, instant, lifetimeMs, (invitationId, key, expiresAt, lifetime) => {
        const token = signSurveyToken(invitationId, expiresAt, key);
        expect(verifySurveyToken(token, key, new Date(expiresAt.getTime() - lifetime))).toBe(invitationId);
      }),
      propertyRuns(300),
    );
  });

  it('are refused as expired from their expiry on', () => {
    fc.assert(
      fc.property(fc.uuid(), signingKey, instant, fc.nat({ max: 90 * 86_400_000 }), (invitationId, key, expiresAt, after) => {
        const token = signSurveyToken(invitationId, expiresAt, key);
        expect(refusal(() => verifySurveyToken(token, key, new Date(expiresAt.getTime() + after)))?.code).toBe('token_expired');
      }),
      propertyRuns(300),
    );
  });

  it('are refused after any one character is changed', () => {
    fc.assert(
      fc.property(fc.uuid(), signingKey, instant, fc.nat(), fc.nat(), (invitationId, key, expiresAt, position, replacement) => {
        const token = signSurveyToken(invitationId, expiresAt, key);
        const index = position % token.length;
        const alphabet = BASE64URL.replace(token[index]!, '');
        const changed = `${token.slice(0, index)}${alphabet[replacement % alphabet.length]}${token.slice(index + 1)}`;
        // Checked long before expiry, so only the change can be why it is refused.
        expect(refusal(() => verifySurveyToken(changed, key, new Date(expiresAt.getTime() - 1000)))?.code).toBe('invalid_token');
      }),
      propertyRuns(1000),
    );
  });

  it('are refused under any other key', () => {
    fc.assert(
      fc.property(fc.uuid(), signingKey, signingKey, instant, (invitationId, key, otherKey, expiresAt) => {
        fc.pre(key !== otherKey);
        const token = signSurveyToken(invitationId, expiresAt, key);
        expect(refusal(() => verifySurveyToken(token, otherKey, new Date(expiresAt.getTime() - 1000)))?.code).toBe('invalid_token');
      }),
      propertyRuns(300),
    );
  });

  it('never verify as status tokens, nor status tokens as survey tokens, with or without the prefix', () => {
    fc.assert(
      fc.property(fc.uuid(), signingKey, instant, (id, key, expiresAt) => {
        const before = new Date(expiresAt.getTime() - 1000);
        const survey = signSurveyToken(id, expiresAt, key);
        const status = signStatusToken(id, expiresAt, key);
        for (const presented of [status, `s.${status}`]) expect(refusal(() => verifySurveyToken(presented, key, before))?.code).toBe('invalid_token');
        for (const presented of [survey, survey.slice(2)])
          expect(() => verifyStatusToken(presented, key, before)).toThrow(expect.objectContaining({ code: 'invalid_token' }));
      }),
      propertyRuns(300),
    );
  });
});
