import { Cron } from 'croner';

/** A schedule expression EventBridge would refuse, or one the local scheduler cannot read. */
export class ScheduleExpressionError extends Error {
  readonly code = 'SCHEDULE_EXPRESSION_INVALID';

  constructor(
    readonly expression: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${expression}: ${reason}`, options);
    this.name = 'ScheduleExpressionError';
  }
}

/** When a parsed expression fires. */
export interface ScheduleExpression {
  readonly kind: 'rate' | 'cron' | 'at';
  /**
   * The first fire time strictly after `after`, or undefined when there is none (a one-time
   * schedule already past, a cron whose years are over). `anchor` is when a rate starts counting.
   */
  nextFireTime(after: Date, anchor: Date): Date | undefined;
}

const rateUnits: Record<string, number> = { minute: 60_000, minutes: 60_000, hour: 3_600_000, hours: 3_600_000, day: 86_400_000, days: 86_400_000 };

/**
 * Parses an EventBridge schedule expression: `rate(value unit)`, `cron(minutes hours
 * day-of-month month day-of-week year)` and Scheduler's one-time `at(yyyy-mm-ddThh:mm:ss)`, the
 * last two read in `timeZone` (EventBridge rules are always UTC).
 *
 * @example
 * parseScheduleExpression('cron(0 9 ? * MON-FRI *)', 'Europe/London').nextFireTime(new Date(), new Date());
 */
export function parseScheduleExpression(expression: string, timeZone = 'UTC'): ScheduleExpression {
  const match = /^(rate|cron|at)\((.*)\)$/.exec(expression.trim());
  if (match === null) throw new ScheduleExpressionError(expression, 'expected rate(...), cron(...) or at(...)');
  const [, kind, body = ''] = match;
  if (!isTimeZone(timeZone)) throw new ScheduleExpressionError(expression, `unknown time zone ${timeZone}`);
  if (kind === 'rate') return rateExpression(expression, body);
  if (kind === 'at') return atExpression(expression, body, timeZone);
  return cronExpression(expression, body, timeZone);
}

// A rate counts from its anchor (on AWS the schedule's creation or StartDate; locally the start
// of the pipeline), so its fire times do not drift with how late a timer ran.
function rateExpression(expression: string, body: string): ScheduleExpression {
  const match = /^\s*(\d+)\s+(minutes?|hours?|days?)\s*$/.exec(body);
  if (match === null) throw new ScheduleExpressionError(expression, 'a rate is a positive whole number and minute(s), hour(s) or day(s)');
  const value = Number(match[1]);
  const unit = match[2]!;
  // EventBridge refuses "rate(1 minutes)" and "rate(5 minute)": singular only for 1.
  if (value <= 0 || (value === 1) !== !unit.endsWith('s')) {
    throw new ScheduleExpressionError(expression, 'a rate is a positive whole number, with a singular unit for 1 and a plural one otherwise');
  }
  const periodMs = value * rateUnits[unit]!;
  return {
    kind: 'rate',
    nextFireTime: (after, anchor) => new Date(anchor.getTime() + (Math.floor((after.getTime() - anchor.getTime()) / periodMs) + 1) * periodMs),
  };
}

function atExpression(expression: string, body: string, timeZone: string): ScheduleExpression {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(body)) throw new ScheduleExpressionError(expression, 'a one-time schedule is at(yyyy-mm-ddThh:mm:ss)');
  // croner reads an ISO local time without offset in the given time zone, which is what `at` means.
  let fireTime: Date | null;
  try {
    fireTime = new Cron(body, { timezone: timeZone }).nextRun(new Date(0));
  } catch (error) {
    throw new ScheduleExpressionError(expression, 'not a date and time', { cause: error });
  }
  if (fireTime === null) throw new ScheduleExpressionError(expression, 'not a date and time');
  return { kind: 'at', nextFireTime: (after) => (fireTime > after ? fireTime : undefined) };
}

// croner implements Quartz's cron (1 = Sunday with alternativeWeekdays, L, W, #, a year field),
// which is AWS's. AWS's own rules are applied here: exactly one of day-of-month and day-of-week is
// `?`, passed on as `*` so croner never ORs two restricted day fields (its vixie-cron rule); `L`
// alone in day-of-week is Saturday; a numeric start before `/` ("1/10") is allowed (sloppyRanges).
function cronExpression(expression: string, body: string, timeZone: string): ScheduleExpression {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6) throw new ScheduleExpressionError(expression, 'a cron expression has six fields: minutes hours day-of-month month day-of-week year');
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields as [string, string, string, string, string, string];
  if ((dayOfMonth === '?') === (dayOfWeek === '?')) {
    throw new ScheduleExpressionError(expression, 'exactly one of day-of-month and day-of-week must be ? (EventBridge refuses both or neither)');
  }
  if (fields.some((field, index) => field.includes('?') && !(field === '?' && (index === 2 || index === 4)))) {
    throw new ScheduleExpressionError(expression, '? stands alone, in day-of-month or day-of-week only');
  }
  const weekday = dayOfWeek.toUpperCase() === 'L' ? 'SAT' : dayOfWeek;
  const pattern = ['0', minutes, hours, dayOfMonth === '?' ? '*' : dayOfMonth, month, dayOfWeek === '?' ? '*' : weekday, year].join(' ');
  let cron: Cron;
  try {
    cron = new Cron(pattern, { timezone: timeZone, alternativeWeekdays: true, sloppyRanges: true, mode: '7-part' });
  } catch (error) {
    throw new ScheduleExpressionError(expression, (error as Error).message.replace(/^CronPattern: /, ''), { cause: error });
  }
  return {
    kind: 'cron',
    nextFireTime: (after) => {
      let candidate = cron.nextRun(after);
      // A local time inside a spring-forward gap does not exist, and EventBridge Scheduler skips
      // it; croner moves it to the hour after, which no longer matches the pattern.
      while (candidate !== null && !cron.match(candidate)) candidate = cron.nextRun(candidate);
      return candidate ?? undefined;
    },
  };
}

function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}
