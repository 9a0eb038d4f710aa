import { describe, expect, it } from 'vitest';
import { signStatusToken, verifyStatusToken } from '../../../../functions/intake/core/status-token.ts';
import { signSurveyToken, verifySurveyToken } from '../../../../functions/surveys/core/survey-token.ts';
import { ringKeys } from '../../../helpers/key-rings.ts';
import { now } from './survey-fixtures.ts';

const key = 'k'.repeat(64);
const invitationId = '6b7e0a8c-4f2d-8a1b-9c3d-5e6f7a8b9c0d';
const expiresAt = new Date('2026-12-09T12:00:00Z');
const token = signSurveyToken(invitationId, expiresAt, key);

describe('survey tokens', () => {
  it('read s.<invitation id>.<expiry epoch seconds>.<signature>', () => {
    expect(token).toMatch(new RegExp(`^s\\.${invitationId}\\.${expiresAt.getTime() / 1000}\\.[A-Za-z0-9_-]{43}$`));
  });

  it('grant the invitation they were signed for', () => {
    expect(verifySurveyToken(token, key, now)).toBe(invitationId);
  });

  it.each([
    ['missing', undefined, 'invalid_token'],
    ['empty', '', 'invalid_token'],
    ['malformed', 's.abc', 'invalid_token'],
    ['without its prefix', token.slice(2), 'invalid_token'],
    ['signed with another key', signSurveyToken(invitationId, expiresAt, 'x'.repeat(64)), 'invalid_token'],
    ['pointing at another invitation', token.replace('6b7e', '7b7e'), 'invalid_token'],
    ['with a stretched expiry', token.replace(/\.(\d+)\./, '.9$1.'), 'invalid_token'],
    ['expired', signSurveyToken(invitationId, new Date(now.getTime() - 1000), key), 'token_expired'],
    ['expiring now', signSurveyToken(invitationId, now, key), 'token_expired'],
  ])('refuse a token that is %s', (_name, presented, code) => {
    expect(() => verifySurveyToken(presented, key, now)).toThrow(expect.objectContaining({ code }));
  });

  describe('and status tokens, signed with the same key', () => {
    it('never verify as each other', () => {
      const statusToken = signStatusToken(invitationId, expiresAt, key);
      expect(() => verifySurveyToken(statusToken, key, now)).toThrow(expect.objectContaining({ code: 'invalid_token' }));
      expect(() => verifyStatusToken(token, key, now)).toThrow(expect.objectContaining({ code: 'invalid_token' }));
    });

    it('cannot be turned into each other by adding or removing the prefix', () => {
      const statusToken = signStatusToken(invitationId, expiresAt, key);
      expect(() => verifySurveyToken(`s.${statusToken}`, key, now)).toThrow(expect.objectContaining({ reason: 'bad_signature' }));
      expect(() => verifyStatusToken(token.slice(2), key, now)).toThrow(expect.objectContaining({ reason: 'bad_signature' }));
    });
  });

  describe('across key rotation', () => {
    const ring = [ringKeys.current, ringKeys.next, ringKeys.retired];

    it.each([
      ['the current key', ringKeys.current],
      ['the published next key', ringKeys.next],
      ['a retired key still kept', ringKeys.retired],
    ])('grant a token signed with %s', (_name, signingKey) => {
      expect(verifySurveyToken(signSurveyToken(invitationId, expiresAt, signingKey), ring, now)).toBe(invitationId);
    });

    it('refuse a token signed with a key the ring no longer holds', () => {
      expect(() => verifySurveyToken(token, ring, now)).toThrow(expect.objectContaining({ code: 'invalid_token' }));
    });
  });
});
