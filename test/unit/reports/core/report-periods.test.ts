import { describe, expect, it } from 'vitest';
import { coveringPeriods, isoWeekOf, periodsOf, periodsOfSpan } from '../../../../functions/reports/core/report-periods.ts';

describe('report periods, in UTC', () => {
  it.each([
    ['2026-12-06', '2026-W49'], // a Sunday ends its week
    ['2026-12-07', '2026-W50'], // a Monday starts one
    ['2026-12-31', '2026-W53'], // 2026 has 53 weeks: it starts on a Thursday
    ['2027-01-01', '2026-W53'], // so the first days of 2027 belong to its last week
    ['2027-01-04', '2027-W01'],
    ['2024-12-30', '2025-W01'], // and a late December Monday can start the next year's first
    ['2021-01-03', '2020-W53'],
  ])('puts %s in ISO week %s', (day, week) => {
    expect(isoWeekOf(new Date(`${day}T12:00:00Z`))).toBe(week);
  });

  it('gives the day, ISO week and month of an instant, by its UTC date', () => {
    // 08:30 in Tokyo on 1 January is still 31 December in UTC.
    expect(periodsOf('2027-01-01T08:30:00+09:00')).toEqual([
      { kind: 'day', key: '2026-12-31' },
      { kind: 'week', key: '2026-W53' },
      { kind: 'month', key: '2026-12' },
    ]);
    expect(periodsOf('2026-04-01T00:00:00.000Z').at(-1)).toEqual({ kind: 'month', key: '2026-04' });
  });

  it('cuts a span into the buckets of a trend, the edges partial', () => {
    expect(periodsOfSpan({ from: '2026-11-28', to: '2026-12-09' }, 'week')).toEqual([
      { kind: 'week', key: '2026-W48', from: '2026-11-28', to: '2026-11-30' },
      { kind: 'week', key: '2026-W49', from: '2026-11-30', to: '2026-12-07' },
      { kind: 'week', key: '2026-W50', from: '2026-12-07', to: '2026-12-09' },
    ]);
    expect(periodsOfSpan({ from: '2026-10-01', to: '2027-01-01' }, 'month').map(({ key }) => key)).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(periodsOfSpan({ from: '2026-12-06', to: '2026-12-06' }, 'day')).toEqual([]);
  });

  const all = new Set(['day', 'week', 'month'] as const);
  const daysAndMonths = new Set(['day', 'month'] as const);

  it('covers a span exactly with the largest periods of the kinds given: a quarter is 3 reads, not 92', () => {
    expect(coveringPeriods({ from: '2026-10-01', to: '2027-01-01' }, daysAndMonths)).toEqual([
      { kind: 'month', key: '2026-10' },
      { kind: 'month', key: '2026-11' },
      { kind: 'month', key: '2026-12' },
    ]);
    expect(coveringPeriods({ from: '2026-09-29', to: '2027-01-03' }, daysAndMonths).map(({ key }) => key)).toEqual([
      '2026-09-29',
      '2026-09-30',
      '2026-10',
      '2026-11',
      '2026-12',
      '2027-01-01',
      '2027-01-02',
    ]);
    // A month, then whole weeks from a Monday, then days.
    expect(coveringPeriods({ from: '2026-11-01', to: '2026-12-17' }, all)).toEqual([
      { kind: 'month', key: '2026-11' },
      { kind: 'day', key: '2026-12-01' },
      ...['02', '03', '04', '05', '06'].map((day) => ({ kind: 'day', key: `2026-12-${day}` })),
      { kind: 'week', key: '2026-W50' },
      { kind: 'day', key: '2026-12-14' },
      { kind: 'day', key: '2026-12-15' },
      { kind: 'day', key: '2026-12-16' },
    ]);
    // Without weeks, the same span's December is read by day.
    expect(coveringPeriods({ from: '2026-11-01', to: '2026-12-17' }, daysAndMonths)).toHaveLength(17);
    // Weeks only where a Monday starts one that fits: 2026-W53 runs 12-28 to 2027-01-03.
    expect(coveringPeriods({ from: '2026-12-28', to: '2027-01-04' }, all)).toEqual([{ kind: 'week', key: '2026-W53' }]);
    // A year: twelve months.
    expect(coveringPeriods({ from: '2026-01-01', to: '2027-01-01' }, all)).toHaveLength(12);
    expect(coveringPeriods({ from: '2026-12-06', to: '2026-12-06' }, all)).toEqual([]);
  });
});
