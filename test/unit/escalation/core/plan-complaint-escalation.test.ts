import { describe, expect, it } from 'vitest';
import type { EscalationSettings } from '../../../../functions/escalation/contracts/escalation-settings.ts';
import { acceptComplaint } from '../../../../functions/intake/core/accept-complaint.ts';
import { planComplaintEscalation } from '../../../../functions/escalation/core/plan-complaint-escalation.ts';
import { loadEscalationSettings } from '../../../../infra/escalation-settings.ts';
import { premiumJapaneseCase } from './escalation-fixtures.ts';

const settings = loadEscalationSettings();
const now = new Date('2026-03-03T01:00:00.000Z'); // a Tuesday, 10:00 in Tokyo
const DAY = 86_400_000;

const messageOf = (submission: Record<string, unknown> = {}) =>
  acceptComplaint({ email: 'ada@example.com', category: 'slow-response', description: 'No answer for three days.', ...submission } as never, {
    now,
    signingKey: 'k'.repeat(64),
    statusTokenTtlDays: 180,
    statusEndpoint: 'https://api.example.com/complaints/status',
  }).message;

const plan = (
  submission: Record<string, unknown> = {},
  context: Partial<Parameters<typeof planComplaintEscalation>[2]> = {},
  withSettings: EscalationSettings = settings,
) =>
  planComplaintEscalation(
    messageOf(submission),
    { complainantKey: 'addr-1' },
    { previousComplaintsAt: [], roundRobinCursors: {}, ...context },
    withSettings,
    now,
  );

describe('planComplaintEscalation', () => {
  const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000).toISOString();
  const kinds = (result: ReturnType<typeof plan>) => result.notifications.map((n) => n.kind);

  it('acknowledges an address’s first five complaints of a day, and withholds the sixth’s email while escalating it', () => {
    const fifth = plan({}, { previousComplaintsAt: [1, 2, 3, 4].map(hoursAgo) });
    expect(kinds(fifth)).toEqual(['assigned', 'complaint_acknowledged']);
    expect(fifth.acknowledgementWithheld).toBe(false);

    const sixth = plan({}, { previousComplaintsAt: [1, 2, 3, 4, 5].map(hoursAgo) });
    expect(kinds(sixth)).toEqual(['assigned']);
    expect(sixth.acknowledgementWithheld).toBe(true);
    expect(sixth.escalation).toBeDefined();
  });

  it('counts only the 24 hours before: a complaint of 25 hours ago leaves room for an acknowledgement', () => {
    const result = plan({}, { previousComplaintsAt: [25, 4, 3, 2, 1].map(hoursAgo) });
    expect(kinds(result)).toEqual(['assigned', 'complaint_acknowledged']);
    expect(result.acknowledgementWithheld).toBe(false);
  });

  it('inherits customer, tier, region, language, team and agent from the case the complaint names', () => {
    const result = plan({ caseId: 'CASE-1', category: 'attitude' }, { caseContext: premiumJapaneseCase });
    expect(result.customer).toEqual({ id: 'cust-7', tier: 'premium', region: 'jp', language: 'ja-JP', product: 'Router X', team: 'japan-support' });
    expect(result.escalation).toMatchObject({
      team: 'japan-support',
      tier: 'premium',
      severity: 'high',
      guaranteed: true,
      subjectAgentId: 'sup-japan-haruto',
      level: 1,
    });
    // Never the agent the complaint is about: haruto is skipped.
    expect(result.escalation?.assignee).toBe('sup-japan-yui');
    expect(result.appliedRules).toContain('routing/case-team');
  });

  it('treats a complaint without a case as a standard customer keyed by their address, routed by the rules', () => {
    const result = plan({ locale: 'ja' });
    expect(result.customer).toMatchObject({ id: 'addr-1', tier: 'standard', language: 'ja' });
    expect(result.escalation).toMatchObject({ team: 'japan-support', guaranteed: false });
  });

  it.each([
    [undefined, 'sup-general-ana', 'sup-general-ana'],
    ['sup-general-ana', 'sup-general-ben', 'sup-general-ben'],
    ['sup-general-ben', 'sup-general-ana', 'sup-general-ana'],
  ])('assigns in turn: after %s comes %s', (cursor, assignee, next) => {
    const result = plan({}, { roundRobinCursors: cursor === undefined ? {} : { 'general-support': cursor } });
    expect(result.escalation?.assignee).toBe(assignee);
    expect(result.roundRobinCursors['general-support']).toBe(next);
  });

  it('skips a supervisor marked away', () => {
    const away = structuredClone(settings) as EscalationSettings;
    (away.directory.teams['general-support']!.supervisors[0] as { away?: boolean }).away = true;
    expect(plan({}, {}, away).escalation?.assignee).toBe('sup-general-ben');
  });

  it('raises the severity of a third complaint within 30 days, and keeps only complaints within the window in the log', () => {
    const earlier = [
      new Date(now.getTime() - 40 * DAY).toISOString(),
      new Date(now.getTime() - 5 * DAY).toISOString(),
      new Date(now.getTime() - 1 * DAY).toISOString(),
    ];
    const result = plan({}, { previousComplaintsAt: earlier });
    expect(result.escalation?.severity).toBe('high');
    expect(result.appliedRules).toContain('severity/third-complaint-in-30-days');
    expect(result.complaintTimes).toEqual([earlier[1], earlier[2], now.toISOString()]);
    expect(plan({}, { previousComplaintsAt: earlier.slice(0, 2) }).escalation?.severity).toBe('low');
  });

  it('queues the assignee email and the complainant acknowledgement with ids derived from the escalation', () => {
    const message = messageOf();
    const result = planComplaintEscalation(message, { complainantKey: 'addr-1' }, { previousComplaintsAt: [], roundRobinCursors: {} }, settings, now);
    expect(result.notifications).toEqual([
      expect.objectContaining({ notificationId: `${message.complaintId}#assigned#1`, kind: 'assigned', recipientUserId: 'sup-general-ana', level: 1 }),
      expect.objectContaining({
        notificationId: `${message.complaintId}#complaint_acknowledged#1`,
        kind: 'complaint_acknowledged',
        complaintId: message.complaintId,
      }),
    ]);
    expect(result.notifications[1]).not.toHaveProperty('recipientUserId');
  });

  it('opens nothing and queues nothing for a complaint below the escalation severity', () => {
    const strict = { ...settings, rules: { ...settings.rules, escalateFrom: 'medium' as const } };
    const result = plan({}, {}, strict);
    expect(result.escalation).toBeUndefined();
    expect(result.notifications).toEqual([]);
  });
});
