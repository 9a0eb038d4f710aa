import type { ReportSummary } from '../../../functions/reports/contracts/reports-api.ts';
import { type ConsoleMessages, format } from './console-messages.ts';
import type { ReportInterval } from './report-query.ts';

type Figures = ReportSummary['overall'];
/** A share as the API gives it: its sample, and a value and 95% interval unless too few answered. */
type ShareFigure = Figures['csat']['satisfied'];
/** An NPS as the API gives it (−100 to 100), withheld like a share. */
type NpsFigure = Pick<Figures['nps'], 'answers' | 'score' | 'low' | 'high' | 'tooFew'>;

const percent = (locale: string) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
const whole = (locale: string) => new Intl.NumberFormat(locale, { maximumFractionDigits: 0, signDisplay: 'exceptZero' });
const count = (locale: string, value: number) => new Intl.NumberFormat(locale).format(value);

/**
 * A share in words: its value, the 95% interval and the sample, or, below the minimum sample, the
 * counts and why no percentage is shown (a bare number of 3 answers would read as a finding).
 *
 * @example
 * ```ts
 * shareText({ count: 45, of: 50, value: 0.9, low: 0.79, high: 0.96, tooFew: false }, 'en', consoleMessages.en);
 * // '90% (95% interval 79%–96%; 45 of 50)'
 * ```
 */
export const shareText = (share: ShareFigure, locale: string, m: ConsoleMessages): string => {
  const counts = { count: count(locale, share.count), of: count(locale, share.of) };
  if (share.tooFew || share.value === null || share.low === null || share.high === null) return format(m.reportTooFew, counts);
  const shown = percent(locale);
  return format(m.reportShare, { value: shown.format(share.value), low: shown.format(share.low), high: shown.format(share.high), ...counts });
};

/**
 * An NPS in words, like {@link shareText}: the score, its interval and the answers, or too few.
 *
 * @example
 * ```ts
 * npsText({ answers: 40, score: 25, low: 5.2, high: 44.8, tooFew: false }, 'en', consoleMessages.en); // '+25 (95% interval +5 to +45; 40 answers)'
 * ```
 */
export const npsText = (nps: NpsFigure, locale: string, m: ConsoleMessages): string => {
  if (nps.tooFew || nps.score === null || nps.low === null || nps.high === null) return format(m.reportNpsTooFew, { answers: count(locale, nps.answers) });
  const shown = whole(locale);
  return format(m.reportNps, { score: shown.format(nps.score), low: shown.format(nps.low), high: shown.format(nps.high), answers: count(locale, nps.answers) });
};

/** A value on a chart's axis: a share as a percentage, an NPS with its sign, a count as it is. */
export const axisText = (value: number, kind: 'share' | 'nps' | 'count', locale: string): string =>
  kind === 'share' ? percent(locale).format(value) : kind === 'nps' ? whole(locale).format(value) : count(locale, value);

/**
 * A trend bucket's label in the reader's language: the day (or a week's first day) for days and
 * weeks, the month for months. Bucket days are UTC days, so they are formatted in UTC.
 *
 * @example
 * ```ts
 * bucketLabel('2026-11-02', 'week', 'en-GB'); // '2 Nov'
 * bucketLabel('2026-11-01', 'month', 'ja'); // '2026年11月'
 * ```
 */
export const bucketLabel = (firstDay: string, interval: ReportInterval, locale: string): string =>
  new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    ...(interval === 'month' ? { year: 'numeric', month: 'short' } : { month: 'short', day: 'numeric' }),
  }).format(new Date(`${firstDay}T00:00:00Z`));

/** A whole UTC day in the reader's language (the span under the report's heading). */
export const dayText = (day: string, locale: string): string =>
  new Intl.DateTimeFormat(locale, { timeZone: 'UTC', dateStyle: 'medium' }).format(new Date(`${day}T00:00:00Z`));
