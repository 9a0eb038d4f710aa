import { describe, expect, it } from 'vitest';
import { parseScheduleExpression, ScheduleExpressionError } from '../../../local/schedules/schedule-expression.ts';

const nextAfter = (expression: string, after: string, timeZone = 'UTC', anchor = after): string | undefined =>
  parseScheduleExpression(expression, timeZone).nextFireTime(new Date(after), new Date(anchor))?.toISOString();

describe('parseScheduleExpression', () => {
  it.each([
    ['weekdays at 09:00', 'cron(0 9 ? * MON-FRI *)', 'UTC', '2026-03-06T10:00:00Z', '2026-03-09T09:00:00.000Z'],
    ['numeric weekdays, 1 = Sunday', 'cron(0 9 ? * 2-6 *)', 'UTC', '2026-03-06T10:00:00Z', '2026-03-09T09:00:00.000Z'],
    ['the last Friday of the month (6L)', 'cron(15 10 ? * 6L *)', 'UTC', '2026-03-01T00:00:00Z', '2026-03-27T10:15:00.000Z'],
    ['the second Tuesday (3#2)', 'cron(0 8 ? * 3#2 *)', 'UTC', '2026-03-01T00:00:00Z', '2026-03-10T08:00:00.000Z'],
    ['L alone in day-of-week is Saturday', 'cron(0 0 ? * L *)', 'UTC', '2026-03-01T00:00:00Z', '2026-03-07T00:00:00.000Z'],
    ['the last day of the month (L)', 'cron(0 0 L * ? *)', 'UTC', '2026-02-01T00:00:00Z', '2026-02-28T00:00:00.000Z'],
    ['the weekday nearest the 15th, a Sunday (15W)', 'cron(0 0 15W * ? *)', 'UTC', '2026-03-01T00:00:00Z', '2026-03-16T00:00:00.000Z'],
    ['a numeric start before the step (1/10)', 'cron(1/10 * * * ? *)', 'UTC', '2026-03-01T00:02:00Z', '2026-03-01T00:11:00.000Z'],
    ['a range of years', 'cron(0 12 1 1 ? 2027-2028)', 'UTC', '2026-03-01T00:00:00Z', '2027-01-01T12:00:00.000Z'],
    ['03:00 in Tokyo (UTC+9)', 'cron(0 3 * * ? *)', 'Asia/Tokyo', '2026-03-01T00:00:00Z', '2026-03-01T18:00:00.000Z'],
    ['09:00 in London after the clocks go forward', 'cron(0 9 ? * MON-FRI *)', 'Europe/London', '2026-03-27T12:00:00Z', '2026-03-30T08:00:00.000Z'],
    ['09:00 in London before they do', 'cron(0 9 ? * MON-FRI *)', 'Europe/London', '2026-03-26T12:00:00Z', '2026-03-27T09:00:00.000Z'],
    ['02:30 in New York skipped on the day 02:30 does not exist', 'cron(30 2 * * ? *)', 'America/New_York', '2026-03-07T12:00:00Z', '2026-03-09T06:30:00.000Z'],
    [
      '01:30 in New York fired at its first occurrence when it happens twice',
      'cron(30 1 * * ? *)',
      'America/New_York',
      '2026-10-31T12:00:00Z',
      '2026-11-01T05:30:00.000Z',
    ],
    ['01:30 in New York not fired again in the repeated hour', 'cron(30 1 * * ? *)', 'America/New_York', '2026-11-01T05:30:00Z', '2026-11-02T06:30:00.000Z'],
    ['a one-time schedule in its time zone', 'at(2026-12-01T10:00:00)', 'Asia/Tokyo', '2026-03-01T00:00:00Z', '2026-12-01T01:00:00.000Z'],
  ])('fires %s', (_case, expression, timeZone, after, expected) => {
    expect(nextAfter(expression, after, timeZone)).toBe(expected);
  });

  it.each([
    ['between two fire times', '2026-03-01T10:07:00Z', '2026-03-01T10:10:00.000Z'],
    ['exactly on a fire time', '2026-03-01T10:10:00Z', '2026-03-01T10:15:00.000Z'],
    ['before its anchor', '2026-03-01T09:58:00Z', '2026-03-01T10:00:00.000Z'],
  ])('counts a rate from its anchor when asked %s', (_case, after, expected) => {
    expect(nextAfter('rate(5 minutes)', after, 'UTC', '2026-03-01T10:00:00Z')).toBe(expected);
  });

  it.each([
    ['rate(1 hour)', 3_600_000],
    ['rate(2 days)', 2 * 86_400_000],
    ['rate(1 minute)', 60_000],
  ])('reads %s as a period of %d ms', (expression, periodMs) => {
    const anchor = '2026-03-01T00:00:00Z';
    expect(nextAfter(expression, anchor, 'UTC', anchor)).toBe(new Date(Date.parse(anchor) + periodMs).toISOString());
  });

  it('has no fire time once a one-time schedule is past', () => {
    expect(nextAfter('at(2026-03-01T10:00:00)', '2026-03-01T10:00:00Z')).toBeUndefined();
  });

  it.each([
    ['both day fields set', 'cron(0 9 * * MON *)'],
    ['both day fields ?', 'cron(0 9 ? * ? *)'],
    ['five fields', 'cron(0 9 * * ?)'],
    ['? outside the day fields', 'cron(? 9 * * ? *)'],
    ['a minute out of range', 'cron(61 9 * * ? *)'],
    ['a plural unit for 1', 'rate(1 minutes)'],
    ['a singular unit for 5', 'rate(5 minute)'],
    ['a zero rate', 'rate(0 minutes)'],
    ['seconds', 'rate(30 seconds)'],
    ['an unknown kind', 'every(5 minutes)'],
    ['an impossible date', 'at(2026-13-01T10:00:00)'],
  ])('refuses %s', (_case, expression) => {
    expect(() => parseScheduleExpression(expression)).toThrow(ScheduleExpressionError);
  });

  it('refuses an unknown time zone', () => {
    expect(() => parseScheduleExpression('cron(0 9 * * ? *)', 'Mars/Olympus_Mons')).toThrow(/unknown time zone Mars\/Olympus_Mons/);
  });
});
