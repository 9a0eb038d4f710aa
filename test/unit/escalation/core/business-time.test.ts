import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, businessMinutesBetween } from '../../../../functions/escalation/core/business-time.ts';
import { alwaysOpenNewYork, london, newYork, tokyo } from './business-calendars.ts';

// Each row: what it shows, calendar, start (UTC), business minutes, due (UTC). Local times in the names.
const dueTimes = [
  ['Tokyo, within one window (Mon 10:00 JST)', tokyo, '2026-03-09T01:00:00Z', 60, '2026-03-09T02:00:00Z'],
  ['Tokyo, across the lunch break (Mon 11:30 to 13:30 JST)', tokyo, '2026-03-09T02:30:00Z', 60, '2026-03-09T04:30:00Z'],
  ['Tokyo, starting in the lunch break (12:30 to 13:10 JST)', tokyo, '2026-03-09T03:30:00Z', 10, '2026-03-09T04:10:00Z'],
  ['Tokyo, starting before opening (07:00 to 09:30 JST)', tokyo, '2026-03-08T22:00:00Z', 30, '2026-03-09T00:30:00Z'],
  ['Tokyo, across a weekend (Fri 17:00 to Mon 10:00 JST)', tokyo, '2026-03-06T08:00:00Z', 120, '2026-03-09T01:00:00Z'],
  ['Tokyo, across Golden Week (Fri 1 May 17:00 to Thu 7 May 10:00 JST)', tokyo, '2026-05-01T08:00:00Z', 120, '2026-05-07T01:00:00Z'],
  ['Tokyo, starting on a holiday (Mon 23 Nov 10:00 to Tue 09:30 JST)', tokyo, '2026-11-23T01:00:00Z', 30, '2026-11-24T00:30:00Z'],
  ['London, across the March change (Fri 17:00 GMT to Mon 09:30 BST)', london, '2026-03-27T17:00:00Z', 60, '2026-03-30T08:30:00Z'],
  ['London, across the October change (Fri 17:00 BST to Mon 09:30 GMT)', london, '2026-10-23T16:00:00Z', 60, '2026-10-26T09:30:00Z'],
  ['London, across Christmas and Boxing Day (Thu 24 Dec 17:00 to Tue 29 Dec 12:30)', london, '2026-12-24T17:00:00Z', 240, '2026-12-29T12:30:00Z'],
  ['New York, across the March change (Fri 17:00 EST to Mon 10:00 EDT)', newYork, '2026-03-06T22:00:00Z', 120, '2026-03-09T14:00:00Z'],
  ['New York, across the November change (Fri 17:00 EDT to Mon 10:00 EST)', newYork, '2026-10-30T21:00:00Z', 120, '2026-11-02T15:00:00Z'],
  ['New York, across Thanksgiving (Wed 17:00 to Fri 12:00 EST)', newYork, '2026-11-25T22:00:00Z', 240, '2026-11-27T17:00:00Z'],
  ['New York, ending exactly at closing (Mon 17:00 to 18:00 EDT, not next morning)', newYork, '2026-03-09T21:00:00Z', 60, '2026-03-09T22:00:00Z'],
  ['New York, starting on a Saturday (to Mon 09:45 EDT)', newYork, '2026-03-14T15:00:00Z', 45, '2026-03-16T13:45:00Z'],
  ['24x7, across the night the clocks spring forward (real minutes)', alwaysOpenNewYork, '2026-03-08T04:00:00Z', 240, '2026-03-08T08:00:00Z'],
  ['24x7, across the night the clocks fall back (real minutes)', alwaysOpenNewYork, '2026-11-01T04:00:00Z', 240, '2026-11-01T08:00:00Z'],
  ['24x7, across a weekend', alwaysOpenNewYork, '2026-03-13T22:00:00Z', 48 * 60, '2026-03-15T22:00:00Z'],
] as const;

describe('addBusinessMinutes', () => {
  it.each(dueTimes)('counts %s', (_name, calendar, start, minutes, due) => {
    expect(addBusinessMinutes(new Date(start), minutes, calendar).toISOString()).toBe(new Date(due).toISOString());
  });

  it.each([
    ['in hours', newYork, '2026-03-09T15:00:00Z'],
    ['on a Saturday', newYork, '2026-03-14T15:00:00Z'],
    ['on a holiday', tokyo, '2026-11-23T01:00:00Z'],
  ])('returns the start itself for zero minutes %s', (_name, calendar, start) => {
    expect(addBusinessMinutes(new Date(start), 0, calendar).toISOString()).toBe(new Date(start).toISOString());
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('refuses %s minutes', (minutes) => {
    expect(() => addBusinessMinutes(new Date('2026-03-09T15:00:00Z'), minutes, newYork)).toThrow(RangeError);
  });

  it('refuses a calendar that never opens rather than searching forever', () => {
    const closed = { ...newYork, workingDays: ['sat' as const], hours: [{ from: '09:00', to: '10:00' }], holidays: [] };
    const everySaturday = Array.from({ length: 530 }, (_, week) => new Date(Date.UTC(2026, 2, 14 + 7 * week)).toISOString().slice(0, 10));
    expect(() => addBusinessMinutes(new Date('2026-03-09T15:00:00Z'), 1, { ...closed, holidays: everySaturday })).toThrow(/no working time/);
  });
});

describe('businessMinutesBetween', () => {
  it.each(dueTimes)('gives back the minutes added for %s', (_name, calendar, start, minutes, due) => {
    expect(businessMinutesBetween(new Date(start), new Date(due), calendar)).toBe(minutes);
  });

  it.each([
    ['a closed night', newYork, '2026-03-09T22:00:00Z', '2026-03-10T13:00:00Z', 0],
    ['a weekend', london, '2026-03-27T17:30:00Z', '2026-03-30T08:00:00Z', 0],
    ['a holiday', tokyo, '2026-11-23T00:00:00Z', '2026-11-23T09:00:00Z', 0],
    ['one whole split Tokyo day', tokyo, '2026-03-08T15:00:00Z', '2026-03-09T15:00:00Z', 8 * 60],
    ['half a minute', newYork, '2026-03-09T15:00:00Z', '2026-03-09T15:00:30Z', 0.5],
  ])('counts %s', (_name, calendar, start, end, minutes) => {
    expect(businessMinutesBetween(new Date(start), new Date(end), calendar)).toBe(minutes);
  });

  it('is negative when the end comes first', () => {
    expect(businessMinutesBetween(new Date('2026-03-09T14:00:00Z'), new Date('2026-03-06T22:00:00Z'), newYork)).toBe(-120);
  });

  it.each([
    ['Tokyo', tokyo],
    ['London', london],
    ['New York', newYork],
    ['24x7 New York', alwaysOpenNewYork],
  ])('in %s, measures exactly the minutes added from any start in 2026', (_name, calendar) => {
    const yearOf2026 = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 11, 31) });
    fc.assert(
      fc.property(yearOf2026, fc.integer({ min: 0, max: 20 * 24 * 60 }), (start, minutes) => {
        const due = addBusinessMinutes(new Date(start), minutes, calendar);
        expect(businessMinutesBetween(new Date(start), due, calendar)).toBeCloseTo(minutes, 9);
      }),
      { numRuns: 200 },
    );
  });
});

// The wall clock of the last second read is kept per zone: an answer must not depend on what was asked before.
describe('business time read after another clock of the same second', () => {
  const elsewhere = (start: number) => new Date(start + 3 * 86_400_000 + 1234);

  it.each([
    ['New York (shares its zone with the 24x7 calendar)', newYork],
    ['24x7 New York', alwaysOpenNewYork],
    ['Tokyo', tokyo],
    ['London', london],
  ])('in %s, gives the due time it gives when that second was not read just before', (_name, calendar) => {
    const secondOf2026 = fc.integer({ min: Date.UTC(2026, 0, 1) / 1000, max: Date.UTC(2026, 11, 31) / 1000 });
    const milliseconds = fc.integer({ min: 0, max: 999 });
    // The read before is of the same second or of one up to 90 s away, either side.
    const secondsApart = fc.oneof(fc.constant(0), fc.integer({ min: -90, max: 90 }));
    fc.assert(
      fc.property(
        secondOf2026,
        secondsApart,
        milliseconds,
        milliseconds,
        fc.integer({ min: 1, max: 5 * 24 * 60 }),
        (second, apart, firstMs, secondMs, minutes) => {
          const first = (second + apart) * 1000 + firstMs;
          const then = second * 1000 + secondMs;
          addBusinessMinutes(elsewhere(then), minutes, calendar);
          const unread = addBusinessMinutes(new Date(then), minutes, calendar).getTime();
          addBusinessMinutes(new Date(first), minutes, calendar);
          // Both calendars of New York read one zone, so the last read of it may come from either.
          if (calendar.timeZone === newYork.timeZone) addBusinessMinutes(new Date(first), minutes, calendar === newYork ? alwaysOpenNewYork : newYork);
          // The very same second read last in another zone.
          addBusinessMinutes(new Date(then), minutes, calendar === tokyo ? london : tokyo);
          expect(addBusinessMinutes(new Date(then), minutes, calendar).getTime()).toBe(unread);
          expect(businessMinutesBetween(new Date(then), new Date(unread), calendar)).toBeCloseTo(minutes, 9);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps the milliseconds of a start within one second', () => {
    addBusinessMinutes(new Date('2026-03-09T15:00:00.000Z'), 1, alwaysOpenNewYork);
    expect(addBusinessMinutes(new Date('2026-03-09T15:00:00.999Z'), 1, alwaysOpenNewYork).toISOString()).toBe('2026-03-09T15:01:00.999Z');
  });

  it('reads the second after a daylight-saving change anew (New York springs forward at 07:00 UTC)', () => {
    expect(addBusinessMinutes(new Date('2026-03-08T06:59:59.500Z'), 60, alwaysOpenNewYork).toISOString()).toBe('2026-03-08T07:59:59.500Z');
    expect(addBusinessMinutes(new Date('2026-03-08T07:00:00.000Z'), 60, alwaysOpenNewYork).toISOString()).toBe('2026-03-08T08:00:00.000Z');
    expect(businessMinutesBetween(new Date('2026-03-08T06:30:00Z'), new Date('2026-03-08T07:30:00Z'), alwaysOpenNewYork)).toBe(60);
  });
});
