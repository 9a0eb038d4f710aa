/** An away period as the API stores it: from one instant up to, not including, another. */
export interface AwayPeriodInstants {
  readonly from: string;
  readonly until: string;
}

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

const localMidnight = (day: string, plusDays: number): Date | undefined => {
  const match = DAY_PATTERN.exec(day);
  if (match === null) return undefined;
  // The Date constructor with parts is the viewer's own zone, and carries over months and years.
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + plusDays);
};

/**
 * The period of whole days a supervisor picks (`<input type=date>` values, the last day
 * included), in the viewer's time zone: from the first day's midnight up to the midnight after the
 * last. Undefined when a day is missing or the last comes before the first.
 *
 * @example
 * ```ts
 * awayPeriodOfDays('2026-12-07', '2026-12-11'); // in Tokyo: { from: '2026-12-06T15:00:00.000Z', until: '2026-12-11T15:00:00.000Z' }
 * ```
 */
export const awayPeriodOfDays = (firstDay: string, lastDay: string): AwayPeriodInstants | undefined => {
  const from = localMidnight(firstDay, 0);
  const until = localMidnight(lastDay, 1);
  if (from === undefined || until === undefined || until <= from) return undefined;
  return { from: from.toISOString(), until: until.toISOString() };
};

/**
 * The first and last day of a period as the viewer reads them (the last: the day its end closes),
 * formatted in their locale.
 *
 * @example
 * ```ts
 * awayDaysText({ from: '2026-12-06T15:00:00Z', until: '2026-12-11T15:00:00Z' }, 'en-GB'); // in Tokyo: { first: '7 Dec 2026', last: '11 Dec 2026' }
 * ```
 */
export const awayDaysText = (period: AwayPeriodInstants, locale: string): { first: string; last: string } => {
  const days = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  return { first: days.format(new Date(period.from)), last: days.format(new Date(Date.parse(period.until) - 1)) };
};

/** Today in the viewer's zone as an `<input type=date>` value: the earliest first day offered. */
export const todayAsDateInput = (now: Date): string =>
  `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
