import type { BusinessCalendar, EscalationRules } from '../contracts/escalation-rules.ts';

/** How far ahead `cdk synth` and `npm start` warn that a holiday calendar is about to end. */
export const CALENDAR_WARNING_DAYS = 60;

/** One calendar of the rules and the last day its holiday list covers. */
export interface CalendarCoverage {
  /** Where the calendar is in the rules: `regions.jp`, `sla.premium.calendar`. */
  readonly path: readonly string[];
  readonly timeZone: string;
  /** The last local date the holiday list covers (YYYY-MM-DD). */
  readonly holidaysThrough: string;
  /** Whole days from today (in the calendar's zone) to `holidaysThrough`; negative once it has passed. */
  readonly daysLeft: number;
}

export interface CalendarCoverageCheck {
  /** Calendars whose holiday list ended before today: SLA clocks would count their holidays as working days. */
  readonly ended: readonly CalendarCoverage[];
  /** Calendars whose last covered day is today or within `warningDays`. */
  readonly endingSoon: readonly CalendarCoverage[];
}

const DAY = 86_400_000;

/**
 * The last day a calendar's holiday list covers: `holidaysThrough`, else 31 December of the year of
 * its last holiday; undefined for a calendar that lists no holidays (a 24x7 contract's calendar).
 */
export const holidaysThroughOf = (calendar: BusinessCalendar): string | undefined => {
  if (calendar.holidaysThrough !== undefined) return calendar.holidaysThrough;
  const last = calendar.holidays.reduce<string | undefined>((latest, holiday) => (latest === undefined || holiday > latest ? holiday : latest), undefined);
  return last === undefined ? undefined : `${last.slice(0, 4)}-12-31`;
};

/** Today's date in a time zone, YYYY-MM-DD (en-CA formats dates that way). */
const localDateIn = (now: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);

const calendarsOf = (rules: EscalationRules): [readonly string[], BusinessCalendar][] => [
  ...Object.entries(rules.regions).map(([region, calendar]): [readonly string[], BusinessCalendar] => [['regions', region], calendar]),
  ...Object.entries(rules.sla).flatMap(([tier, sla]): [readonly string[], BusinessCalendar][] =>
    sla?.calendar === undefined ? [] : [[['sla', tier, 'calendar'], sla.calendar]],
  ),
];

/**
 * Which holiday calendars of the rules have ended, or end within `warningDays`, on `now` in each
 * calendar's own zone. Holidays are listed a year at a time; a calendar past its last listed day
 * would silently count next year's holidays as working days, so synthesis refuses it.
 *
 * @example
 * ```ts
 * const { ended, endingSoon } = checkCalendarCoverage(rules, new Date('2026-12-04T12:00:00Z'));
 * // endingSoon: [{ path: ['regions', 'jp'], holidaysThrough: '2026-12-31', daysLeft: 27, … }, …]
 * ```
 */
export const checkCalendarCoverage = (rules: EscalationRules, now: Date, warningDays: number = CALENDAR_WARNING_DAYS): CalendarCoverageCheck => {
  const coverage = calendarsOf(rules).flatMap(([path, calendar]): CalendarCoverage[] => {
    const holidaysThrough = holidaysThroughOf(calendar);
    if (holidaysThrough === undefined) return [];
    const today = localDateIn(now, calendar.timeZone);
    const daysLeft = Math.round((Date.parse(`${holidaysThrough}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY);
    return [{ path, timeZone: calendar.timeZone, holidaysThrough, daysLeft }];
  });
  return {
    ended: coverage.filter(({ daysLeft }) => daysLeft < 0),
    endingSoon: coverage.filter(({ daysLeft }) => daysLeft >= 0 && daysLeft <= warningDays),
  };
};
