import { describe, expect, it } from 'vitest';
import type { BusinessCalendar, EscalationRules } from '../../../../functions/escalation/contracts/escalation-rules.ts';
import { checkCalendarCoverage, holidaysThroughOf } from '../../../../functions/escalation/core/check-calendar-coverage.ts';
import { shippedRules } from '../../../helpers/shipped-escalation-settings.ts';

const calendar = (overrides: Partial<BusinessCalendar>): BusinessCalendar => ({
  timeZone: 'Europe/London',
  workingDays: ['mon', 'tue', 'wed', 'thu', 'fri'],
  hours: [{ from: '09:00', to: '17:30' }],
  holidays: [],
  ...overrides,
});
const rulesWith = (regions: Record<string, BusinessCalendar>, premiumCalendar?: BusinessCalendar): EscalationRules => ({
  ...shippedRules,
  regions,
  defaultRegion: Object.keys(regions)[0]!,
  sla: { ...shippedRules.sla, premium: { ...shippedRules.sla.premium!, ...(premiumCalendar ? { calendar: premiumCalendar } : {}) } },
});

describe('holidaysThroughOf', () => {
  it.each([
    ['holidaysThrough when it is set', calendar({ holidays: ['2027-01-01'], holidaysThrough: '2027-06-30' }), '2027-06-30'],
    ['31 December of the last holiday’s year otherwise', calendar({ holidays: ['2027-12-28', '2026-01-01'] }), '2027-12-31'],
    ['nothing for a calendar that lists no holidays', calendar({}), undefined],
  ])('is %s', (_name, input, expected) => {
    expect(holidaysThroughOf(input)).toBe(expected);
  });
});

describe('checkCalendarCoverage', () => {
  const uk = calendar({ holidays: ['2027-12-28'] });

  it.each([
    ['61 days before the end', '2027-10-31T12:00:00Z', [], []],
    ['60 days before the end', '2027-11-01T12:00:00Z', [], [60]],
    ['on the last covered day', '2027-12-31T23:59:59Z', [], [0]],
    ['the day after', '2028-01-01T00:00:00Z', [-1], []],
    ['a year after', '2028-12-31T12:00:00Z', [-366], []],
  ])('%s: ended %j, ending soon %j (days left)', (_name, now, ended, endingSoon) => {
    const check = checkCalendarCoverage(rulesWith({ uk }), new Date(now));
    expect(check.ended.map(({ daysLeft }) => daysLeft)).toEqual(ended);
    expect(check.endingSoon.map(({ daysLeft }) => daysLeft)).toEqual(endingSoon);
  });

  it('counts days in each calendar’s own zone: Tokyo’s year ends nine hours before London’s', () => {
    const jp = calendar({ timeZone: 'Asia/Tokyo', holidays: ['2027-12-31'] });
    const check = checkCalendarCoverage(rulesWith({ jp, uk }), new Date('2027-12-31T16:00:00Z'));
    expect(check.ended.map(({ path }) => path)).toEqual([['regions', 'jp']]);
    expect(check.endingSoon.map(({ path, daysLeft }) => [path, daysLeft])).toEqual([[['regions', 'uk'], 0]]);
  });

  it('checks a tier’s own calendar too, and leaves out a calendar that lists no holidays', () => {
    const check = checkCalendarCoverage(rulesWith({ always: calendar({}) }, calendar({ holidays: ['2026-12-25'] })), new Date('2027-01-04T12:00:00Z'));
    expect(check.ended).toEqual([{ path: ['sla', 'premium', 'calendar'], timeZone: 'Europe/London', holidaysThrough: '2026-12-31', daysLeft: -4 }]);
    expect(check.endingSoon).toEqual([]);
  });
});
