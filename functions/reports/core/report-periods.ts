/** The periods counters are kept for, and a report's intervals. */
export type PeriodKind = 'day' | 'week' | 'month';

/** One period: its kind and its key (`2026-12-06`, `2026-W49`, `2026-12`), all in UTC. */
export interface Period {
  readonly kind: PeriodKind;
  readonly key: string;
}

const DAY_MS = 86_400_000;

/**
 * The ISO 8601 week of a UTC day, as `YYYY-Www`: weeks start on Monday and week 1 holds the
 * year's first Thursday, so 2026-12-31 (a Thursday) is in 2026-W53 and 2027-01-01 too.
 * Hand-written (a few lines): the runtime has no Temporal, and a date library for one function
 * is not worth its bundle.
 *
 * @example
 * ```ts
 * isoWeekOf(new Date('2026-12-06T12:00:00Z')); // '2026-W49'
 * ```
 *
 * @internal exported for its tests only
 */
export const isoWeekOf = (day: Date): string => {
  const weekday = (day.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() - weekday + 3));
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
};

/**
 * The three periods an instant falls in, in UTC.
 *
 * @example
 * ```ts
 * periodsOf('2026-12-06T02:00:00.000Z');
 * // [{ kind: 'day', key: '2026-12-06' }, { kind: 'week', key: '2026-W49' }, { kind: 'month', key: '2026-12' }]
 * ```
 */
export const periodsOf = (instant: string): readonly Period[] => {
  const at = new Date(instant);
  const day = at.toISOString().slice(0, 10);
  return [
    { kind: 'day', key: day },
    { kind: 'week', key: isoWeekOf(at) },
    { kind: 'month', key: day.slice(0, 7) },
  ];
};

/** A span of whole UTC days, `from` included and `to` excluded (both `YYYY-MM-DD`). */
export interface DaySpan {
  readonly from: string;
  readonly to: string;
}

/** The UTC day `days` after `day` (both `yyyy-mm-dd`). */
export const dayAfter = (day: string, days = 1) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/**
 * The periods of `interval` that a span touches, in order, each with the days of it inside the
 * span (the first and last may be partial): the buckets of a trend.
 *
 * @example
 * ```ts
 * periodsOfSpan({ from: '2026-11-30', to: '2026-12-14' }, 'week');
 * // [{ kind: 'week', key: '2026-W49', from: '2026-11-30', to: '2026-12-07' }, { …'2026-W50'… }]
 * ```
 */
export const periodsOfSpan = (span: DaySpan, interval: PeriodKind): readonly (Period & DaySpan)[] => {
  const periods: (Period & DaySpan)[] = [];
  for (let day = span.from; day < span.to; day = dayAfter(day)) {
    const period = periodsOf(`${day}T00:00:00.000Z`).find((candidate) => candidate.kind === interval)!;
    const last = periods.at(-1);
    if (last?.key === period.key) periods[periods.length - 1] = { ...last, to: dayAfter(day) };
    else periods.push({ ...period, from: day, to: dayAfter(day) });
  }
  return periods;
};

/**
 * Counter periods of `kinds` that together cover a span exactly, largest first: whole months and
 * ISO weeks where the span holds them (and `kinds` has them), days at the edges. A quarter's
 * summary reads 3 months, not 92 days; a week of a weekly trend reads one week.
 *
 * @example
 * ```ts
 * coveringPeriods({ from: '2026-09-29', to: '2027-01-03' }, new Set(['day', 'month']));
 * // days 09-29 and 09-30, months 2026-10, 2026-11 and 2026-12, days 2027-01-01 and 01-02
 * ```
 */
export const coveringPeriods = (span: DaySpan, kinds: ReadonlySet<PeriodKind>): readonly Period[] => {
  const periods: Period[] = [];
  let day = span.from;
  while (day < span.to) {
    const [, week, month] = periodsOf(`${day}T00:00:00.000Z`);
    const monthEnd = dayAfterMonth(day);
    const weekEnd = dayAfter(day, 7);
    if (kinds.has('month') && day.endsWith('-01') && monthEnd <= span.to) {
      periods.push(month!);
      day = monthEnd;
    } else if (kinds.has('week') && new Date(`${day}T00:00:00Z`).getUTCDay() === 1 && weekEnd <= span.to) {
      periods.push(week!);
      day = weekEnd;
    } else {
      periods.push({ kind: 'day', key: day });
      day = dayAfter(day);
    }
  }
  return periods;
};

// The first of the next month, from a first of the month.
const dayAfterMonth = (day: string) => {
  const at = new Date(`${day}T00:00:00Z`);
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
};
