import { describe, expect, it } from 'vitest';
import type { EscalationInput } from '../../../../functions/escalation/core/decide-escalation.ts';
import { decideEscalation } from '../../../../functions/escalation/core/decide-escalation.ts';
import { openEscalation } from '../../../../functions/escalation/core/open-escalation.ts';
import { complaint, context, customer, rosters, rules, rulesWith } from './escalation-fixtures.ts';

const now = new Date('2026-03-09T14:00:00Z'); // Monday 10:00 in New York
const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 60 * 60_000).toISOString();
const csat = (score: number, confirmed = true): EscalationInput => ({ kind: 'csat', score, confirmed, customer: customer() });

describe('decideEscalation', () => {
  describe('severity', () => {
    it.each<[string, EscalationInput, string[], 'low' | 'medium' | 'high' | 'critical', string[]]>([
      ['a standard complaint no rule matches', complaint(), [], 'low', []],
      ['an unresolved case', complaint({ category: 'unresolved' }), [], 'medium', ['severity/unresolved-or-wrong-advice']],
      ['a premium customer', complaint({ customer: customer({ tier: 'premium' }) }), [], 'medium', ['severity/premium-customer']],
      [
        'a premium customer complaining about attitude',
        complaint({ category: 'attitude', customer: customer({ tier: 'premium' }) }),
        [],
        'high',
        ['severity/premium-attitude-or-wrong-advice', 'severity/premium-customer'],
      ],
      ['a standard customer complaining about attitude', complaint({ category: 'attitude' }), [], 'low', []],
      ['a keyword in English, any case', complaint({ description: 'My LAWYER will hear of this.' }), [], 'critical', ['severity/legal-threat-or-cancellation']],
      ['a keyword in Japanese', complaint({ description: '対応が遅いので解約を検討しています。' }), [], 'critical', ['severity/legal-threat-or-cancellation']],
      ['a keyword inside a longer word only', complaint({ description: 'The lawyers of the company' }), [], 'low', []],
      ['the third complaint in 30 days', complaint(), [daysAgo(2), daysAgo(29)], 'high', ['severity/third-complaint-in-30-days']],
      ['the second complaint in 30 days', complaint(), [daysAgo(2)], 'low', []],
      ['two earlier complaints, one outside the window', complaint(), [daysAgo(2), daysAgo(31)], 'low', []],
      ['a confirmed CSAT of 1', csat(1), [], 'high', ['severity/confirmed-csat-of-1']],
    ])('is decided for %s', (_name, input, previousComplaintsAt, severity, severityRules) => {
      const decision = decideEscalation(input, rules, context({ previousComplaintsAt }), now);
      expect(decision).toMatchObject({ escalate: true, severity });
      expect(decision.appliedRules.filter((rule) => rule.startsWith('severity/'))).toEqual(severityRules);
    });

    it.each<[string, EscalationInput, typeof rules, string]>([
      ['a CSAT that is not confirmed yet', csat(1, false), rules, 'csat_not_confirmed'],
      ['a CSAT above the threshold', csat(2), rules, 'csat_not_low'],
      ['a complaint below the escalation severity', complaint(), rulesWith((draft) => (draft.escalateFrom = 'medium')), 'below_escalation_severity'],
    ])('does not escalate %s', (_name, input, chosenRules, reason) => {
      expect(decideEscalation(input, chosenRules, context(), now)).toMatchObject({ escalate: false, reason });
    });
  });

  describe('routing', () => {
    it.each([
      ['a Japanese speaker', customer({ language: 'ja-JP' }), 'japan-support', 'routing/japanese-speakers'],
      ['a cloud product, whatever the case', customer({ product: 'cloud console' }), 'cloud-platform', 'routing/cloud-products'],
      [
        'a Japanese speaker with a cloud product (first rule wins)',
        customer({ language: 'ja', product: 'Cloud Console' }),
        'japan-support',
        'routing/japanese-speakers',
      ],
      ['anyone else', customer({ product: 'Desktop' }), 'general-support', 'routing/default-team'],
    ])('sends %s to their team', (_name, who, team, rule) => {
      const decision = decideEscalation(complaint({ customer: who }), rules, context(), now);
      expect(decision).toMatchObject({ escalate: true, team });
      expect(decision.appliedRules).toContain(rule);
    });

    it('routes by region when a rule says so', () => {
      const byRegion = rulesWith((draft) => draft.routing.rules.unshift({ id: 'uk-customers', team: 'cloud-platform', when: { regions: ['uk'] } }));
      expect(decideEscalation(complaint({ customer: customer({ region: 'uk' }) }), byRegion, context(), now)).toMatchObject({ team: 'cloud-platform' });
    });

    it('counts on the default region when the customer has an unknown one, and says so', () => {
      const decision = decideEscalation(complaint({ customer: customer({ region: 'fr' }) }), rules, context(), now);
      expect(decision).toMatchObject({ escalate: true, region: 'us' });
      expect(decision.appliedRules).toContain('region/default-region');
    });

    it('refuses a team with no roster, a configuration fault', () => {
      expect(() => decideEscalation(complaint(), rules, context({ rosters: {} }), now)).toThrow(expect.objectContaining({ code: 'unknown_team' }));
    });
  });

  describe('assignment', () => {
    const team = 'general-support';
    const roster = rosters[team]!;
    const away = (...ids: string[]) => ({ ...roster, supervisors: roster.supervisors.map((member) => ({ ...member, away: ids.includes(member.id) })) });

    it.each([
      ['the first supervisor when none was assigned yet', undefined, roster, undefined, 'sv-ann', 1],
      ['the supervisor after the last one assigned', 'sv-ann', roster, undefined, 'sv-bob', 1],
      ['the first again after the last one (round robin)', 'sv-cat', roster, undefined, 'sv-ann', 1],
      ['the next one not away', 'sv-ann', away('sv-bob'), undefined, 'sv-cat', 1],
      ['never the agent the complaint is about', 'sv-ann', roster, 'sv-bob', 'sv-cat', 1],
      ['the first when the last one assigned has left the team', 'sv-gone', roster, undefined, 'sv-ann', 1],
      ['the lead, at level 2, when every supervisor is away', 'sv-ann', away('sv-ann', 'sv-bob', 'sv-cat'), undefined, 'ld-dan', 2],
      ['the lead when the only supervisor free is the one complained about', 'sv-ann', away('sv-ann', 'sv-bob'), 'sv-cat', 'ld-dan', 2],
      [
        'the head, at level 3, when the lead is away too',
        'sv-ann',
        { ...away('sv-ann', 'sv-bob', 'sv-cat'), lead: { id: 'ld-dan', away: true } },
        undefined,
        'hd-eve',
        3,
      ],
    ])('picks %s', (_name, cursor, teamRoster, subjectAgentId, assignee, level) => {
      const decision = decideEscalation(
        complaint(),
        rules,
        context({ rosters: { ...rosters, [team]: teamRoster }, roundRobinCursors: { [team]: cursor }, ...(subjectAgentId ? { subjectAgentId } : {}) }),
        now,
      );
      expect(decision).toMatchObject({ escalate: true, team, assignee, level });
    });

    it('moves the cursor to the supervisor picked, and leaves it when it went to the lead', () => {
      const picked = decideEscalation(complaint(), rules, context({ roundRobinCursors: { [team]: 'sv-ann' } }), now);
      expect(picked).toMatchObject({ assignee: 'sv-bob', nextRoundRobinCursor: 'sv-bob' });
      const toLead = decideEscalation(
        complaint(),
        rules,
        context({ rosters: { ...rosters, [team]: away('sv-ann', 'sv-bob', 'sv-cat') }, roundRobinCursors: { [team]: 'sv-ann' } }),
        now,
      );
      expect(toLead).toMatchObject({ assignee: 'ld-dan', nextRoundRobinCursor: 'sv-ann' });
      expect(toLead.appliedRules).toContain('assignment/no-supervisor-available');
    });
  });

  describe('clocks', () => {
    it('gives a premium high complaint in Tokyo 4 guaranteed business hours, warning at 75%, across the lunch break', () => {
      const mondayTenInTokyo = new Date('2026-03-09T01:00:00Z');
      const decision = decideEscalation(
        complaint({ category: 'attitude', customer: customer({ tier: 'premium', region: 'jp', language: 'ja' }) }),
        rules,
        context(),
        mondayTenInTokyo,
      );
      expect(decision).toMatchObject({
        escalate: true,
        severity: 'high',
        guaranteed: true,
        ackDueAt: '2026-03-09T06:00:00.000Z', // 15:00 JST: 10:00-12:00 and 13:00-15:00
        warnAt: '2026-03-09T05:00:00.000Z', // 14:00 JST, after 3 of the 4 hours
        resolveDueAt: '2026-03-11T01:00:00.000Z', // 16 business hours: Wednesday 10:00 JST
      });
    });

    it('gives a standard customer a target, not a guarantee, counted across the weekend', () => {
      const fridayFivePmInNewYork = new Date('2026-03-06T22:00:00Z');
      const decision = decideEscalation(complaint({ category: 'unresolved' }), rules, context(), fridayFivePmInNewYork);
      expect(decision).toMatchObject({ severity: 'medium', guaranteed: false, ackDueAt: '2026-03-10T19:00:00.000Z' }); // 16 h: 1 on Friday, 9 on Monday, 6 on Tuesday: 15:00 EDT
    });

    it('counts real minutes on a premium tier with its own 24x7 calendar', () => {
      const alwaysOpen = {
        timeZone: 'UTC',
        workingDays: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
        hours: [{ from: '00:00', to: '24:00' }],
        holidays: [],
      };
      const saturday = new Date('2026-03-07T12:00:00Z');
      const decision = decideEscalation(
        complaint({ category: 'attitude', customer: customer({ tier: 'premium' }) }),
        rulesWith((draft) => (draft.sla.premium.calendar = alwaysOpen)),
        context(),
        saturday,
      );
      expect(decision).toMatchObject({ ackDueAt: '2026-03-07T16:00:00.000Z', warnAt: '2026-03-07T15:00:00.000Z' });
    });
  });

  it('opens an escalation at the decided level, unclaimed, with the rules applied in its first audit entry', () => {
    const decision = decideEscalation(complaint({ category: 'unresolved' }), rules, context(), now);
    if (!decision.escalate) throw new Error('expected an escalation');
    const escalation = openEscalation(decision, { id: 'esc-9', source: 'complaint', subjectAgentId: 'ag-ken' }, now);
    expect(escalation).toMatchObject({
      id: 'esc-9',
      source: 'complaint',
      status: 'open',
      level: 1,
      assignee: 'sv-ann',
      subjectAgentId: 'ag-ken',
      warned: false,
      breached: false,
    });
    expect(escalation.audit).toEqual([
      {
        at: now.toISOString(),
        actor: 'escalation-rules',
        action: 'open',
        detail: {
          severity: 'medium',
          team: 'general-support',
          assignee: 'sv-ann',
          level: '1',
          rules: 'severity/unresolved-or-wrong-advice routing/default-team',
        },
      },
    ]);
  });
});
