import type { BusinessCalendar } from '../contracts/escalation-rules.ts';
import { WEEKDAYS } from '../contracts/weekdays.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
// A calendar whose holidays cover every working day would never open: stop after ten years.
const MAX_DAYS_SEARCHED = 3660;

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (timeZone: string) => {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

// One escalation starts three clocks (warning, acknowledgement, resolution) at the same `now`,
// each first finding the local day of `now` with a formatToParts call (about 2.5 µs): the last
// second read is kept per zone, so the three read it once. Bounded by the zones of the rules.
const lastReadByZone = new Map<string, { second: number; wallClock: number }>();

/** The wall-clock time in the zone at an instant, read as if it were UTC (ms since epoch). */
const wallClockAt = (instant: number, timeZone: string): number => {
  const second = Math.floor(instant / 1000);
  const last = lastReadByZone.get(timeZone);
  if (last?.second === second) return last.wallClock;
  const parts: Record<string, number> = {};
  for (const { type, value } of formatterFor(timeZone).formatToParts(instant)) parts[type] = Number(value);
  const wallClock = Date.UTC(parts['year']!, parts['month']! - 1, parts['day']!, parts['hour']!, parts['minute']!, parts['second']!);
  lastReadByZone.set(timeZone, { second, wallClock });
  return wallClock;
};

const offsetAt = (instant: number, timeZone: string) => wallClockAt(instant, timeZone) - Math.floor(instant / 1000) * 1000;

/**
 * The instant a local wall-clock time happens. Twice in an autumn fold: the earlier; never in a
 * spring gap: moved forward by the gap, as Temporal's `compatible` disambiguation does. Assumes
 * no zone changes its offset twice within two days.
 */
const instantOfWallClock = (wallClock: number, timeZone: string): number => {
  const before = wallClock - offsetAt(wallClock - DAY, timeZone);
  const after = wallClock - offsetAt(wallClock + DAY, timeZone);
  const fits = [before, after].filter((instant) => wallClockAt(instant, timeZone) === wallClock);
  return fits.length > 0 ? Math.min(...fits) : before;
};

/** Midnight UTC of the local date of an instant: a day number that steps by `DAY`. */
const localDayOf = (instant: number, timeZone: string) => {
  const wallClock = wallClockAt(instant, timeZone);
  return wallClock - (((wallClock % DAY) + DAY) % DAY);
};

const minutesOfClock = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

// Each interval bound costs four Intl formatToParts calls, and every SLA clock of every event walks
// the same few days again: the intervals of a (calendar, day) never change, so each is worked out
// once per calendar object (parsed once at init) and day. Bounded, as an environment lives for hours.
const MAX_DAYS_REMEMBERED = 1024;
const intervalsByCalendar = new WeakMap<BusinessCalendar, Map<number, readonly (readonly [number, number])[]>>();

/** The working intervals of one local day as instants, empty on a weekend or holiday. */
const workingIntervalsOf = (localDay: number, calendar: BusinessCalendar): readonly (readonly [number, number])[] => {
  let days = intervalsByCalendar.get(calendar);
  if (!days) {
    days = new Map();
    intervalsByCalendar.set(calendar, days);
  }
  let intervals = days.get(localDay);
  if (!intervals) {
    if (days.size >= MAX_DAYS_REMEMBERED) days.clear();
    intervals = intervalsOfDay(localDay, calendar);
    days.set(localDay, intervals);
  }
  return intervals;
};

const intervalsOfDay = (localDay: number, calendar: BusinessCalendar): readonly (readonly [number, number])[] => {
  const date = new Date(localDay);
  const isWorkingDay = calendar.workingDays.includes(WEEKDAYS[date.getUTCDay()]!) && !calendar.holidays.includes(date.toISOString().slice(0, 10));
  if (!isWorkingDay) return [];
  return calendar.hours.map(({ from, to }): readonly [number, number] => [
    instantOfWallClock(localDay + minutesOfClock(from) * MINUTE, calendar.timeZone),
    instantOfWallClock(localDay + minutesOfClock(to) * MINUTE, calendar.timeZone),
  ]);
};

/**
 * The instant `minutes` of business time after `start`: only working windows of the calendar's
 * days count, in its time zone, so weekends, holidays and a daylight-saving change (a business
 * minute is a real minute) are crossed correctly. Zero minutes is `start` itself; a start outside
 * hours begins counting at the next opening.
 *
 * @example
 * ```ts
 * // Friday 17:00 in New York plus two business hours, 09:00-18:00 Monday to Friday:
 * addBusinessMinutes(new Date('2026-03-06T22:00:00Z'), 120, newYork); // Monday 10:00 EDT, 2026-03-09T14:00:00Z
 * ```
 */
export const addBusinessMinutes = (start: Date, minutes: number, calendar: BusinessCalendar): Date => {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`Business minutes must be a finite number of at least 0, not ${minutes}.`);
  if (minutes === 0) return new Date(start.getTime());
  let remaining = minutes * MINUTE;
  const firstDay = localDayOf(start.getTime(), calendar.timeZone);
  for (let day = 0; day < MAX_DAYS_SEARCHED; day += 1) {
    for (const [opens, closes] of workingIntervalsOf(firstDay + day * DAY, calendar)) {
      const from = Math.max(opens, start.getTime());
      if (closes <= from) continue;
      if (remaining <= closes - from) return new Date(from + remaining);
      remaining -= closes - from;
    }
  }
  throw new RangeError(`The calendar in ${calendar.timeZone} has no working time within ${MAX_DAYS_SEARCHED} days.`);
};

/**
 * The business minutes between two instants on a calendar (negative when `end` is before
 * `start`), possibly fractional.
 *
 * @example
 * ```ts
 * // From Friday 17:00 to Monday 10:00 in London, 09:00-17:30 weekdays: 60 minutes.
 * businessMinutesBetween(new Date('2026-03-06T17:00:00Z'), new Date('2026-03-09T10:00:00Z'), london);
 * ```
 *
 * @internal exported for its tests only
 */
export const businessMinutesBetween = (start: Date, end: Date, calendar: BusinessCalendar): number => {
  if (end.getTime() < start.getTime()) return -businessMinutesBetween(end, start, calendar);
  const lastDay = localDayOf(end.getTime(), calendar.timeZone);
  let total = 0;
  for (let day = localDayOf(start.getTime(), calendar.timeZone); day <= lastDay; day += DAY) {
    for (const [opens, closes] of workingIntervalsOf(day, calendar)) {
      total += Math.max(0, Math.min(closes, end.getTime()) - Math.max(opens, start.getTime()));
    }
  }
  return total / MINUTE;
};
