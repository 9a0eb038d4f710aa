import { describe, expect, it } from 'vitest';
import { decideInvitation } from '../../../../functions/surveys/core/decide-invitation.ts';
import { caseResolved, daysFromNow, history, invitation, now, policy } from './survey-fixtures.ts';

describe('decideInvitation', () => {
  it('schedules the survey 24 hours after resolution, its link valid 14 days from then', () => {
    const decision = decideInvitation(caseResolved(), history(), policy(), now);
    expect(decision).toMatchObject({ kind: 'scheduled', scheduledFor: '2026-11-26T10:00:00.000Z', expiresAt: '2026-12-10T10:00:00.000Z' });
    expect(decision.record).toEqual({
      event: 'scheduled',
      kind: 'post_resolution',
      customerId: 'cust-17',
      caseId: 'CASE-42',
      invitationId: decision.kind === 'scheduled' ? decision.invitationId : 'none',
      decidedAt: now.toISOString(),
    });
  });

  it('returns the invitation to store, scheduled, naming case and customer, and kept the retention after its link expires', () => {
    const resolved = caseResolved({
      team: 'japan-support',
      product: 'Router',
      agentId: 'a-7',
      customer: { ...caseResolved().customer, locale: 'ja-JP', region: 'APAC', tier: 'premium' },
    });
    const decision = decideInvitation(resolved, history(), policy(), now);
    expect(decision.kind === 'scheduled' && decision.invitation).toEqual({
      invitationId: decision.kind === 'scheduled' && decision.invitationId,
      kind: 'post_resolution',
      customerId: 'cust-17',
      caseId: 'CASE-42',
      state: 'scheduled',
      scheduledFor: '2026-11-26T10:00:00.000Z',
      expiresAt: '2026-12-10T10:00:00.000Z',
      // 2026-12-10T10:00:00Z plus 730 days, in epoch seconds (the table's TTL).
      retainUntil: Date.parse('2028-12-09T10:00:00Z') / 1000,
      // What its answer is reported under: the case's and the customer's, the locale cut to its language.
      reportedAs: { team: 'japan-support', product: 'Router', agent: 'a-7', region: 'APAC', language: 'ja', tier: 'premium' },
    });
  });

  it('follows the configured delay and expiry', () => {
    const decision = decideInvitation(caseResolved(), history(), policy({ invitationDelayHours: 3, linkExpiryDays: 1, reminderAfterDays: 0.5 }), now);
    expect(decision).toMatchObject({ scheduledFor: '2026-11-25T13:00:00.000Z', expiresAt: '2026-11-26T13:00:00.000Z' });
  });

  it('sends at once, not in the past, when the resolution is reported after the delay', () => {
    const decision = decideInvitation(caseResolved({ resolvedAt: '2026-11-20T10:00:00+09:00' }), history(), policy(), now);
    expect(decision).toMatchObject({ kind: 'scheduled', scheduledFor: now.toISOString(), expiresAt: daysFromNow(14) });
  });

  it('gives the same invitation id for the same resolution, and another for another case', () => {
    const first = decideInvitation(caseResolved(), history(), policy(), now);
    const again = decideInvitation(caseResolved({ resolvedAt: '2026-11-25T19:00:00+09:00' }), history(), policy(), now);
    const other = decideInvitation(caseResolved({ caseId: 'CASE-43' }), history(), policy(), now);
    expect(first.kind === 'scheduled' && first.invitationId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(again.kind === 'scheduled' && again.invitationId).toBe(first.kind === 'scheduled' && first.invitationId);
    expect(other.kind === 'scheduled' && other.invitationId).not.toBe(first.kind === 'scheduled' && first.invitationId);
  });

  it.each([
    ['the customer opted out', caseResolved(), history({ optedOut: true }), policy(), 'opted_out', undefined],
    ['the address bounced', caseResolved(), history({ suppression: 'bounced' }), policy(), 'address_suppressed', 'bounced'],
    ['the address complained', caseResolved(), history({ suppression: 'complained' }), policy(), 'address_suppressed', 'complained'],
    ['the channel is excluded', caseResolved({ channel: 'phone' }), history(), policy({ excludedChannels: ['phone'] }), 'case_excluded', 'channel phone'],
    ['the product is excluded', caseResolved({ product: 'Beta' }), history(), policy({ excludedProducts: ['Beta'] }), 'case_excluded', 'product Beta'],
    [
      'a survey was sent 29 days ago',
      caseResolved(),
      history({ lastPostResolutionSurveyAt: daysFromNow(-28) }),
      policy(),
      'recently_surveyed',
      `surveyed ${daysFromNow(-28)}`,
    ],
    [
      'another case of the customer has a survey scheduled',
      caseResolved(),
      history({ invitationsByCaseId: { 'CASE-7': invitation({ state: 'scheduled', scheduledFor: daysFromNow(0.5), sentAt: undefined }) } }),
      policy(),
      'recently_surveyed',
      `surveyed ${daysFromNow(0.5)}`,
    ],
    [
      'another case was surveyed within a longer throttle',
      caseResolved(),
      history({ invitationsByCaseId: { 'CASE-7': invitation({ state: 'answered', sentAt: daysFromNow(-40) }) } }),
      policy({ postResolutionThrottleDays: 60 }),
      'recently_surveyed',
      `surveyed ${daysFromNow(-40)}`,
    ],
    [
      'the case already has a survey sent',
      caseResolved(),
      history({ invitationsByCaseId: { 'CASE-42': invitation({ caseId: 'CASE-42' }) } }),
      policy(),
      'case_already_invited',
      invitation().invitationId,
    ],
  ])('skips when %s, and records why and which resolution', (_name, resolved, customerHistory, settings, reason, detail) => {
    const decision = decideInvitation(resolved, customerHistory, settings, now);
    expect(decision).toEqual({
      kind: 'skipped',
      reason,
      record: {
        event: 'skipped',
        kind: 'post_resolution',
        customerId: 'cust-17',
        caseId: resolved.caseId,
        reason,
        detail,
        resolvedAt: '2026-11-25T10:00:00.000Z',
        decidedAt: now.toISOString(),
      },
    });
  });

  it.each([
    ['the last survey was 30 days before this one is sent', history({ lastPostResolutionSurveyAt: '2026-10-27T10:00:00.000Z' })],
    ['the only other invitation was cancelled', history({ invitationsByCaseId: { 'CASE-7': invitation({ state: 'cancelled', sentAt: undefined }) } })],
    ['only a relationship survey was sent', history({ lastRelationshipSurveyAt: daysFromNow(-1) })],
    ['the channel is not on the exclusion list', history()],
  ])('schedules when %s', (_name, customerHistory) => {
    const settings = policy({ excludedChannels: ['phone'] });
    expect(decideInvitation(caseResolved({ channel: 'email' }), customerHistory, settings, now).kind).toBe('scheduled');
  });

  it('refuses a case with a live invitation before looking at the throttle', () => {
    const existing = invitation({ caseId: 'CASE-42', state: 'scheduled', sentAt: undefined });
    const decision = decideInvitation(
      caseResolved(),
      history({ invitationsByCaseId: { 'CASE-42': existing }, lastPostResolutionSurveyAt: daysFromNow(-1) }),
      policy(),
      now,
    );
    expect(decision.kind === 'skipped' && decision.reason).toBe('case_already_invited');
  });

  it('answers a retry of the same resolution with the decision it stored, not a refusal', () => {
    const first = decideInvitation(caseResolved(), history(), policy(), now);
    if (first.kind !== 'scheduled') throw new Error('expected a scheduled invitation');
    const later = new Date(now.getTime() + 60_000);
    const retry = decideInvitation(caseResolved(), history({ invitationsByCaseId: { 'CASE-42': first.invitation } }), policy(), later);
    expect(retry).toMatchObject({ kind: 'scheduled', invitationId: first.invitationId, scheduledFor: first.scheduledFor, expiresAt: first.expiresAt });
  });

  it('schedules afresh, under a new id, after a reopen cancelled the case invitation', () => {
    const first = decideInvitation(caseResolved(), history(), policy(), now);
    if (first.kind !== 'scheduled') throw new Error('expected a scheduled invitation');
    const cancelled = { ...first.invitation, state: 'cancelled' as const, cancelledAt: now.toISOString() };
    // The support system resolves again and even reuses the timestamp: a new invitation all the same.
    const again = decideInvitation(caseResolved(), history({ invitationsByCaseId: { 'CASE-42': cancelled } }), policy(), now);
    expect(again.kind).toBe('scheduled');
    expect(again.kind === 'scheduled' && again.invitationId).not.toBe(first.invitationId);
  });

  it.each([['constructor'], ['__proto__'], ['toString'], ['hasOwnProperty']])('schedules a case whose id %s is also an object property name', (caseId) => {
    expect(decideInvitation(caseResolved({ caseId }), history(), policy(), now).kind).toBe('scheduled');
  });

  it('names the exclusion first: an excluded case of an opted-out customer is excluded', () => {
    const decision = decideInvitation(caseResolved({ channel: 'phone' }), history({ optedOut: true }), policy({ excludedChannels: ['phone'] }), now);
    expect(decision.kind === 'skipped' && decision.reason).toBe('case_excluded');
  });
});
