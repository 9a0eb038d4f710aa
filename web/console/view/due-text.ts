import { type ConsoleMessages, format } from './console-messages.ts';

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/**
 * A due time as a countdown in the viewer's language, "in 3 hours" or "overdue by 20 minutes",
 * plus the absolute time in the viewer's time zone (the browser's, unless `timeZone` is given).
 * `done` (the clock was met: acknowledged or resolved) shows no countdown.
 *
 * @example
 * ```ts
 * dueText('2026-11-26T12:00:00Z', new Date('2026-11-26T09:00:00Z'), 'en', messages.en, { timeZone: 'UTC' });
 * // { countdown: 'in 3 hours', at: '11/26/26, 12:00 PM', overdue: false }
 * ```
 */
export const dueText = (
  dueAt: string,
  now: Date,
  /** The viewer's formatting locale (`en-GB`, `ja-JP`): dates and numbers as they read them. */
  locale: string,
  messages: ConsoleMessages,
  options: { readonly done?: boolean; readonly timeZone?: string } = {},
): { readonly countdown: string; readonly at: string; readonly overdue: boolean } => {
  const due = Date.parse(dueAt);
  const at = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short', ...(options.timeZone ? { timeZone: options.timeZone } : {}) }).format(
    due,
  );
  if (options.done) return { countdown: messages.met, at, overdue: false };
  const left = due - now.getTime();
  const [unit, size] = UNITS.find(([, size]) => Math.abs(left) >= size) ?? UNITS[UNITS.length - 1]!;
  const amount = Math.max(1, Math.round(Math.abs(left) / size));
  const span = new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(amount);
  return left < 0
    ? { countdown: format(messages.overdueBy, { time: span }), at, overdue: true }
    : { countdown: format(messages.dueIn, { time: span }), at, overdue: false };
};
