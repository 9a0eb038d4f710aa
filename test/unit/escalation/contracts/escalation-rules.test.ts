import { describe, expect, it } from 'vitest';
import { escalationRulesSchema, isTimeZone } from '../../../../functions/escalation/contracts/escalation-rules.ts';
import { type EscalationRulesInput, shippedRules, shippedRulesInput } from '../../../helpers/shipped-escalation-settings.ts';

const withChange = (change: (rules: EscalationRulesInput) => void): unknown => {
  const rules = shippedRulesInput() as EscalationRulesInput;
  change(rules);
  return rules;
};

describe('escalation rules schema', () => {
  it('accepts the default rules', () => {
    expect(escalationRulesSchema.safeParse(shippedRulesInput()).error).toBeUndefined();
  });

  it('ships at least two teams, each with a routing rule or the default route', () => {
    const rules = shippedRules;
    const routed = new Set([...rules.routing.rules.map(({ team }) => team), rules.routing.defaultTeam]);
    expect(Object.keys(rules.teams).length).toBeGreaterThanOrEqual(2);
    expect([...routed].sort()).toEqual(Object.keys(rules.teams).sort());
  });

  it('guarantees premium customers acknowledgement of high severity within 4 business hours, and only promises standard ones a target', () => {
    const { sla } = shippedRules;
    expect(sla.premium).toMatchObject({ guaranteed: true, severities: { high: { acknowledgeWithinMinutes: 4 * 60 } } });
    expect(sla.standard.guaranteed).toBe(false);
  });

  it('fills in a warning at 75% and the supervisors, lead, head chain when a file leaves them out', () => {
    const rules = escalationRulesSchema.parse(
      withChange((draft) => {
        delete draft.warningFraction;
        delete draft.defaultChain;
        delete draft.escalateFrom;
      }),
    );
    expect(rules).toMatchObject({ warningFraction: 0.75, defaultChain: ['supervisors', 'lead', 'head'], escalateFrom: 'low' });
  });

  it.each<[string, (rules: any) => void, string]>([
    ['a routing rule names a team that does not exist', (rules) => (rules.routing.rules[0].team = 'nobody'), 'routing.rules.0.team'],
    ['the default team does not exist', (rules) => (rules.routing.defaultTeam = 'nobody'), 'routing.defaultTeam'],
    ['the default region does not exist', (rules) => (rules.defaultRegion = 'mars'), 'defaultRegion'],
    ['a time zone is unknown', (rules) => (rules.regions.jp.timeZone = 'Asia/Atlantis'), 'regions.jp.timeZone'],
    ['a working window ends before it starts', (rules) => (rules.regions.us.hours = [{ from: '18:00', to: '09:00' }]), 'regions.us.hours.0.to'],
    [
      'working windows overlap',
      (rules) =>
        (rules.regions.us.hours = [
          { from: '09:00', to: '13:00' },
          { from: '12:00', to: '18:00' },
        ]),
      'regions.us.hours',
    ],
    ['a clock time is not HH:MM', (rules) => (rules.regions.us.hours = [{ from: '9:00', to: '18:00' }]), 'regions.us.hours.0.from'],
    ['a holiday is not a calendar date', (rules) => (rules.regions.uk.holidays = ['2026-01-01', '2026-02-30']), 'regions.uk.holidays.1'],
    ['a holiday falls after the day the list is said to cover', (rules) => (rules.regions.us.holidaysThrough = '2026-12-27'), 'regions.us.holidaysThrough'],
    [
      'a library calendar names no country code',
      (rules) => (rules.regions.jp.publicHolidays = { country: 'Japan', since: 2026 }),
      'regions.jp.publicHolidays.country',
    ],
    ['the covered period is not a date', (rules) => (rules.regions.uk.holidaysThrough = '2026-13-01'), 'regions.uk.holidaysThrough'],
    ['a region has no working days', (rules) => (rules.regions.uk.workingDays = []), 'regions.uk.workingDays'],
    ['an SLA leaves out a severity', (rules) => delete rules.sla.standard.severities.critical, 'sla.standard.severities.critical'],
    ['an SLA leaves out a tier', (rules) => delete rules.sla.standard, 'sla.standard'],
    [
      'an SLA time is not whole minutes',
      (rules) => (rules.sla.premium.severities.high.acknowledgeWithinMinutes = 1.5),
      'sla.premium.severities.high.acknowledgeWithinMinutes',
    ],
    ['a severity is unknown', (rules) => (rules.severityRules[0].severity = 'urgent'), 'severityRules.0.severity'],
    ['a severity rule has no condition', (rules) => (rules.severityRules[0].when = {}), 'severityRules.0.when'],
    ['a CSAT threshold is out of the 1-5 scale', (rules) => (rules.severityRules[1].when = { csatAtMost: 0 }), 'severityRules.1.when.csatAtMost'],
    ['the warning comes at the breach', (rules) => (rules.warningFraction = 1), 'warningFraction'],
    ['a chain is empty', (rules) => (rules.teams['japan-support'].chain = []), 'teams.japan-support.chain'],
    ['a chain names an unknown level', (rules) => (rules.defaultChain = ['supervisors', 'director']), 'defaultChain.1'],
    ['a field is unknown (a typo)', (rules) => (rules.severityRules[0].when.keyword = ['x']), 'severityRules.0.when'],
    // Object.prototype has a "constructor": only the rules' own teams and regions count.
    ['a routing rule names a team "constructor" the teams do not have', (rules) => (rules.routing.rules[0].team = 'constructor'), 'routing.rules.0.team'],
    ['the default team is "constructor", which the teams do not have', (rules) => (rules.routing.defaultTeam = 'constructor'), 'routing.defaultTeam'],
    ['the default region is "constructor", which the regions do not have', (rules) => (rules.defaultRegion = 'constructor'), 'defaultRegion'],
    // JSON.parse keeps a "__proto__" member as an own key, which a parsed record would drop without a word.
    ['a team is named "__proto__"', (rules) => (rules.teams = JSON.parse('{"__proto__": {}, "general-support": {}}')), 'teams.__proto__'],
    ['a region is named "__proto__"', (rules) => (rules.regions = { ...JSON.parse('{"__proto__": {}}'), ...rules.regions }), 'regions.__proto__'],
  ])('refuses rules where %s', (_name, change, path) => {
    const result = escalationRulesSchema.safeParse(withChange(change));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(path);
  });
});

// The check as it was before the list of canonical zones answered first: the answer to keep.
const dateTimeFormatAccepts = (timeZone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
};

describe('isTimeZone', () => {
  it('accepts every canonical zone of the runtime, as DateTimeFormat does', () => {
    const zones = Intl.supportedValuesOf('timeZone');
    expect(zones.length).toBeGreaterThan(300);
    expect(zones.filter((zone) => !isTimeZone(zone))).toEqual([]);
    expect(zones.filter((zone) => !dateTimeFormatAccepts(zone))).toEqual([]);
  });

  it.each([
    ['UTC'],
    ['Etc/UTC'],
    ['Etc/GMT+5'],
    ['US/Eastern'],
    ['Asia/Calcutta'],
    ['asia/tokyo'],
    ['EUROPE/LONDON'],
    ['+09:00'],
    ['Asia/Atlantis'],
    ['Europe/Lond'],
    ['Mars/Olympus_Mons'],
    [''],
    [' Asia/Tokyo'],
    ['constructor'],
  ])('answers %j as DateTimeFormat does', (timeZone) => {
    expect(isTimeZone(timeZone)).toBe(dateTimeFormatAccepts(timeZone));
  });

  it('accepts an alias the canonical list leaves out and refuses a name no zone has', () => {
    expect([isTimeZone('UTC'), isTimeZone('US/Eastern'), isTimeZone('Asia/Atlantis')]).toEqual([true, true, false]);
  });
});
