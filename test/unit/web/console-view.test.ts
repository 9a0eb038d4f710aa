import { describe, expect, it } from 'vitest';
import type { EscalationSummary } from '../../../functions/escalation/contracts/supervisor-api.ts';
import { consoleMessages, format } from '../../../web/console/view/console-messages.ts';
import { dueText } from '../../../web/console/view/due-text.ts';
import { historySentence } from '../../../web/console/view/history-sentence.ts';
import { queueOverview, startOfWeek } from '../../../web/console/view/queue-overview.ts';
import { surveyAnswerFacts } from '../../../web/console/view/survey-answer-facts.ts';
import { OBJECT_PROTOTYPE_NAMES } from '../../helpers/object-prototype-names.ts';

const now = new Date('2026-11-26T09:00:00Z'); // a Thursday
const hours = (count: number) => new Date(now.getTime() + count * 3_600_000).toISOString();
const anItem = (overrides: Partial<EscalationSummary> = {}): EscalationSummary => ({
  id: 'e1',
  reference: 'CMP-AAAAAAAA',
  source: 'complaint',
  severity: 'high',
  team: 'general-support',
  assignee: 'sup-general-ana',
  level: 1,
  status: 'open',
  ackDueAt: hours(2),
  resolveDueAt: hours(10),
  ...overrides,
});

describe('dueText', () => {
  it.each([
    ['en', hours(3), 'in 3 hours', false],
    ['en', hours(-0.5), 'overdue by 30 minutes', true],
    ['en', hours(50), 'in 2 days', false],
    ['ja', hours(3), 'あと3 時間', false],
    ['ja', hours(-26), '1 日超過', true],
  ] as const)('in %s, due at %s reads %j', (locale, dueAt, countdown, overdue) => {
    expect(dueText(dueAt, now, locale, consoleMessages[locale], { timeZone: 'Asia/Tokyo' })).toMatchObject({ countdown, overdue });
  });

  it("shows the absolute time in the viewer's time zone and no countdown once the clock was met", () => {
    expect(dueText(hours(3), now, 'en', consoleMessages.en, { timeZone: 'Asia/Tokyo' }).at).toBe('11/26/26, 9:00 PM');
    expect(dueText(hours(-3), now, 'en', consoleMessages.en, { done: true })).toMatchObject({ countdown: 'met', overdue: false });
  });
});

describe('queueOverview', () => {
  it('counts open escalations by team and severity, what is overdue now, and due times missed this week', () => {
    const overview = queueOverview(
      [
        anItem(),
        anItem({ id: 'e2', severity: 'critical', ackDueAt: hours(-1) }),
        anItem({ id: 'e3', team: 'cloud-platform', status: 'acknowledged', ackDueAt: hours(-30), resolveDueAt: hours(-2) }),
        anItem({ id: 'e4', status: 'claimed', ackDueAt: hours(-24 * 10) }),
        anItem({ id: 'e5', status: 'resolved', ackDueAt: hours(-5) }),
      ],
      now,
    );
    expect(overview.openByTeam).toEqual({ 'general-support': { high: 2, critical: 1 }, 'cloud-platform': { high: 1 } });
    // e2 (ack), e3 (resolve; its ack was met), e4 (ack, missed last week).
    expect(overview.overdue).toBe(3);
    expect(overview.breachesThisWeek).toBe(2);
  });

  it.each(OBJECT_PROTOTYPE_NAMES)('counts a team named %s as its own row, touching no prototype', (team) => {
    const overview = queueOverview([anItem({ team }), anItem({ id: 'e2', team, severity: 'low' })], now);
    expect(Object.entries(overview.openByTeam)).toEqual([[team, { high: 1, low: 1 }]]);
    expect([({} as Record<string, unknown>)['high'], (Object as unknown as Record<string, unknown>)['high']]).toEqual([undefined, undefined]);
  });

  it('starts the week on Monday', () => {
    expect(startOfWeek(now).getDay()).toBe(1);
    expect(startOfWeek(now).getTime()).toBeLessThanOrEqual(now.getTime());
  });
});

describe('the console messages', () => {
  it('have the same keys in English and Japanese, and fill placeholders', () => {
    expect(Object.keys(consoleMessages.ja).sort()).toEqual(Object.keys(consoleMessages.en).sort());
    expect(format(consoleMessages.ja.alreadyClaimed, { holder: 'sup-general-ana' })).toBe('sup-general-ana さんがすでに担当しています。');
  });
});

describe('surveyAnswerFacts', () => {
  const answer = { csat: 1, reasons: ['resolution', 'speed'], caseId: 'CASE-42', answeredAt: '2026-11-26T09:00:00.000Z' };

  it.each([
    [
      'en',
      'UTC',
      [
        ['Score', '1 of 5'],
        ['Reasons ticked', 'Resolution and Speed'],
        ['Case', 'CASE-42'],
        ['Answered', 'Nov 26, 2026, 9:00 AM'],
      ],
    ],
    [
      'ja',
      'Asia/Tokyo',
      [
        ['評価', '5段階中 1'],
        ['選択された理由', '解決、対応の速さ'],
        ['ケース', 'CASE-42'],
        ['回答日時', '2026/11/26 18:00'],
      ],
    ],
  ] as const)('in %s lists the score out of five, the reasons by the survey page labels, the case and when (%s)', (locale, timeZone, facts) => {
    expect(surveyAnswerFacts(answer, consoleMessages[locale], locale, { timeZone })).toEqual(facts);
  });

  it("shows a reason code the survey catalogue has no label for as the code, even one named like Object's own properties", () => {
    const facts = surveyAnswerFacts({ ...answer, reasons: ['billing', 'constructor', 'courtesy'] }, consoleMessages.en, 'en', { timeZone: 'UTC' });
    expect(facts).toContainEqual(['Reasons ticked', 'billing, constructor, and Courtesy']);
  });

  it('leaves out the reasons and the case when the answer has none', () => {
    const facts = surveyAnswerFacts({ csat: 1, reasons: [], answeredAt: answer.answeredAt }, consoleMessages.en, 'en', { timeZone: 'UTC' });
    expect(facts.map(([term]) => term)).toEqual(['Score', 'Answered']);
  });
});

describe('historySentence', () => {
  const at = '2026-11-26T09:00:00.000Z';
  const entry = (action: string, detail: Record<string, string> = {}, actor = 'sup-japan-yui') => ({ at, actor, action, detail });
  const en = consoleMessages.en;
  const ja = consoleMessages.ja;

  it.each([
    [
      entry('open', { severity: 'high', team: 'japan-support', assignee: 'sup-japan-haruto', level: '1', rules: 'premium-customer' }, 'escalation-rules'),
      'Opened by the escalation rules: severity High, for japan-support, assigned to sup-japan-haruto at level 1.',
    ],
    [entry('claim'), 'sup-japan-yui claimed it.'],
    [entry('ack'), 'sup-japan-yui acknowledged it.'],
    [entry('note', { text: 'Called back.' }), 'sup-japan-yui added a note.'],
    [
      entry('reassign', { from: 'sup-japan-yui', to: 'sup-japan-haruto' }, 'lead-japan-kenji'),
      'lead-japan-kenji reassigned it from sup-japan-yui to sup-japan-haruto.',
    ],
    [
      entry('reassign', { from: 'sup-japan-yui', to: 'sup-cloud-dev', fromTeam: 'japan-support', toTeam: 'cloud-platform' }, 'lead-japan-kenji'),
      'lead-japan-kenji moved it from japan-support to cloud-platform, to sup-cloud-dev.',
    ],
    [entry('resolve', { resolution: 'Refunded.' }), 'sup-japan-yui resolved it.'],
    [
      entry('resolve', { resolution: 'Refunded.', resolvedOver: 'sup-japan-haruto' }, 'lead-japan-kenji'),
      'lead-japan-kenji resolved it over the claim of sup-japan-haruto.',
    ],
    [
      entry('warn', { assignee: 'sup-japan-yui', ackDueAt: '2026-11-26T12:00:00.000Z' }, 'sla-watcher'),
      'The SLA watcher reminded sup-japan-yui to acknowledge it by 26 Nov 2026, 12:00.',
    ],
    [
      entry('escalate', { fromLevel: '1', toLevel: '2', from: 'sup-japan-yui', to: 'lead-japan-kenji', ackDueAt: '2026-11-26T12:00:00.000Z' }, 'sla-watcher'),
      'Nobody acknowledged it by 26 Nov 2026, 12:00: escalated from level 1 to 2, to lead-japan-kenji.',
    ],
    [
      entry('breach', { level: '3', ackDueAt: '2026-11-26T12:00:00.000Z' }, 'sla-watcher'),
      'Not acknowledged by 26 Nov 2026, 12:00 at the top of the chain (level 3).',
    ],
    [entry('archive', {}, 'admin-grace'), 'admin-grace: archive'],
  ])('tells %j as a sentence', (audit, sentence) => {
    expect(historySentence(audit, en, 'en-GB', 'UTC')).toBe(sentence);
  });

  it('speaks Japanese, severities by their Japanese labels', () => {
    expect(historySentence(entry('claim'), ja, 'ja-JP', 'Asia/Tokyo')).toBe('sup-japan-yui さんが担当しました。');
    expect(
      historySentence(entry('open', { severity: 'low', team: 'japan-support', assignee: 'sup-japan-haruto', level: '1' }, 'escalation-rules'), ja, 'ja-JP'),
    ).toContain(`重大度 ${ja.severity_low}`);
  });
});
