import { afterEach, describe, expect, it, vi } from 'vitest';
import { awayDaysText, awayPeriodOfDays, todayAsDateInput } from '../../../web/console/view/away-days.ts';

// Node reads TZ again whenever it is assigned: each case runs in the viewer's zone it names.
const inZone = (timeZone: string) => vi.stubEnv('TZ', timeZone);
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('away days as the viewer picks them', () => {
  it("turns a first and last day into the viewer's midnights, the last day included", () => {
    inZone('Asia/Tokyo');
    expect(awayPeriodOfDays('2026-12-07', '2026-12-11')).toEqual({ from: '2026-12-06T15:00:00.000Z', until: '2026-12-11T15:00:00.000Z' });
    inZone('America/New_York');
    expect(awayPeriodOfDays('2026-12-31', '2026-12-31')).toEqual({ from: '2026-12-31T05:00:00.000Z', until: '2027-01-01T05:00:00.000Z' });
  });

  it('keeps whole local days across a daylight-saving change (a 23-hour Sunday in London)', () => {
    inZone('Europe/London');
    expect(awayPeriodOfDays('2027-03-27', '2027-03-28')).toEqual({ from: '2027-03-27T00:00:00.000Z', until: '2027-03-28T23:00:00.000Z' });
    expect(awayDaysText({ from: '2027-03-27T00:00:00.000Z', until: '2027-03-28T23:00:00.000Z' }, 'en-GB')).toEqual({
      first: '27 Mar 2027',
      last: '28 Mar 2027',
    });
  });

  it.each([
    ['a last day before the first', '2026-12-11', '2026-12-07'],
    ['a missing first day', '', '2026-12-07'],
    ['a missing last day', '2026-12-07', ''],
    ['a day that is not a date', '7/12/2026', '2026-12-11'],
  ])('has no period for %s', (_case, first, last) => {
    inZone('Asia/Tokyo');
    expect(awayPeriodOfDays(first, last)).toBeUndefined();
  });

  it('shows the days back as the viewer picked them, in their locale, and offers today as the earliest', () => {
    inZone('Asia/Tokyo');
    const period = awayPeriodOfDays('2026-12-07', '2026-12-11')!;
    expect(awayDaysText(period, 'ja-JP')).toEqual({ first: '2026/12/07', last: '2026/12/11' });
    expect(todayAsDateInput(new Date('2026-12-04T16:30:00Z'))).toBe('2026-12-05');
  });
});
