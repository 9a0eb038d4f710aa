import Holidays from 'date-holidays';
import type { BusinessCalendar, EscalationRules } from '../functions/escalation/contracts/escalation-rules.ts';

/** How many years past the synthesis year a library calendar reaches: a deploy a year keeps it a year ahead. */
const YEARS_AHEAD = 2;

type PublicHolidays = NonNullable<BusinessCalendar['publicHolidays']>;

/** A country (or subdivision) `date-holidays` has no calendar for. */
export class UnknownHolidayCalendarError extends Error {
  override readonly name = 'UnknownHolidayCalendarError';
}

/**
 * The public and bank holidays of a country or subdivision as local dates (YYYY-MM-DD), for the
 * years `since` to `throughYear`; a day off in lieu (`substitute`) included. Weekend dates stay:
 * they are no working day anyway.
 *
 * @example
 * ```ts
 * publicHolidaysOf({ country: 'JP', since: 2027 }, 2027).slice(0, 3); // ['2027-01-01', '2027-01-02', '2027-01-03']
 * ```
 */
function publicHolidaysOf(source: PublicHolidays, throughYear: number): string[] {
  const calendar = new Holidays();
  const countries = calendar.getCountries();
  // getStates answers undefined for a country without subdivisions.
  const states = Object.hasOwn(countries, source.country) ? (calendar.getStates(source.country) ?? {}) : undefined;
  if (states === undefined || (source.subdivision !== undefined && !Object.hasOwn(states, source.subdivision))) {
    throw new UnknownHolidayCalendarError(`date-holidays has no calendar for ${[source.country, source.subdivision].filter(Boolean).join('-')}.`);
  }
  if (source.subdivision === undefined) calendar.init(source.country);
  else calendar.init(source.country, source.subdivision);
  const dates: string[] = [];
  for (let year = source.since; year <= throughYear; year += 1) {
    for (const holiday of calendar.getHolidays(year)) {
      if (holiday.type === 'public' || holiday.type === 'bank') dates.push(holiday.date.slice(0, 10));
    }
  }
  return dates;
}

const withLibraryDays = (calendar: BusinessCalendar, throughYear: number): BusinessCalendar => {
  if (calendar.publicHolidays === undefined) return calendar;
  const holidays = [...new Set([...calendar.holidays, ...publicHolidaysOf(calendar.publicHolidays, throughYear)])].sort();
  const libraryThrough = `${throughYear}-12-31`;
  const holidaysThrough = calendar.holidaysThrough !== undefined && calendar.holidaysThrough > libraryThrough ? calendar.holidaysThrough : libraryThrough;
  return { ...calendar, holidays, holidaysThrough };
};

/**
 * The rules with each calendar that names `publicHolidays` given the library's days, through the
 * end of the second year after `today`'s: what the functions get. Written by hand around
 * `date-holidays`, which does the calendar work (moving feasts, days in lieu).
 *
 * @example
 * ```ts
 * withPublicHolidays(rules, new Date('2026-12-05T00:00:00Z')).regions['jp']?.holidaysThrough; // '2028-12-31'
 * ```
 */
export function withPublicHolidays(rules: EscalationRules, today: Date): EscalationRules {
  const throughYear = today.getUTCFullYear() + YEARS_AHEAD;
  return {
    ...rules,
    regions: Object.fromEntries(Object.entries(rules.regions).map(([region, calendar]) => [region, withLibraryDays(calendar, throughYear)])),
    sla: Object.fromEntries(
      Object.entries(rules.sla).map(([tier, sla]) => [
        tier,
        sla === undefined || sla.calendar === undefined ? sla : { ...sla, calendar: withLibraryDays(sla.calendar, throughYear) },
      ]),
    ) as EscalationRules['sla'],
  };
}
