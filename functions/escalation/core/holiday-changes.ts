import type { BusinessCalendar, EscalationRules } from '../contracts/escalation-rules.ts';
import { WEEKDAYS } from '../contracts/weekdays.ts';
import type { RegionCalendarView } from '../contracts/supervisor-api.ts';
import type { RegionCalendarChanges, RegionHolidayChanges, RegionWorkingHours, SupervisorDirectory } from '../contracts/supervisor-directory.ts';
import { type CalendarCoverage, CALENDAR_WARNING_DAYS, checkCalendarCoverage, holidaysThroughOf } from './check-calendar-coverage.ts';
import { DirectoryChangeError } from './change-directory.ts';

type HolidayChanges = SupervisorDirectory['holidays'];

const changedCalendar = (calendar: BusinessCalendar, change: RegionCalendarChanges): BusinessCalendar => {
  const removed = new Set(change.removed);
  const holidays = [...new Set([...calendar.holidays, ...change.added])].filter((day) => !removed.has(day)).sort();
  const through = holidaysThroughOf(calendar);
  const holidaysThrough =
    change.holidaysThrough !== undefined && (through === undefined || change.holidaysThrough > through) ? change.holidaysThrough : through;
  return {
    ...calendar,
    holidays,
    ...(holidaysThrough === undefined ? {} : { holidaysThrough }),
    ...(change.workingDays === undefined ? {} : { workingDays: change.workingDays }),
    ...(change.hours === undefined ? {} : { hours: change.hours }),
  };
};

/**
 * The rules with each region's calendar as admins changed it in the table: days added, days
 * removed, a later last covered day, and a working week in place of the rules'. A change for a
 * region the rules lack is left out.
 *
 * @example
 * ```ts
 * withCalendarChanges(rules, { jp: { added: ['2027-08-13'], removed: [] } }).regions['jp']?.holidays.includes('2027-08-13'); // true
 * ```
 */
export const withCalendarChanges = (rules: EscalationRules, changes: HolidayChanges): EscalationRules => {
  if (changes === undefined) return rules;
  return {
    ...rules,
    regions: Object.fromEntries(
      Object.entries(rules.regions).map(([region, calendar]) => [
        region,
        Object.hasOwn(changes, region) ? changedCalendar(calendar, changes[region]!) : calendar,
      ]),
    ),
  };
};

/**
 * Sets a region's holiday changes (the whole change: the console edits it as one). Refuses a
 * region the rules lack, and a day both added and removed.
 *
 * @example
 * setHolidayChanges(directory, rules, 'jp', { added: ['2027-08-13'], removed: ['2027-11-23'] });
 */
export function setHolidayChanges(directory: SupervisorDirectory, rules: EscalationRules, region: string, change: RegionHolidayChanges): SupervisorDirectory {
  const { workingDays, hours } = changesOf(directory, rules, region);
  const both = change.added.filter((day) => change.removed.includes(day));
  if (both.length > 0) throw new DirectoryChangeError('added_and_removed', `A day is either added or removed, not both: ${both.join(', ')}.`);
  const tidy: RegionCalendarChanges = {
    added: [...new Set(change.added)].sort(),
    removed: [...new Set(change.removed)].sort(),
    ...(change.holidaysThrough === undefined ? {} : { holidaysThrough: change.holidaysThrough }),
    // The working week an admin set stays: the holidays' change does not name it.
    ...(workingDays === undefined ? {} : { workingDays }),
    ...(hours === undefined ? {} : { hours }),
  };
  return { ...directory, holidays: { ...(directory.holidays ?? {}), [region]: tidy } };
}

/** A region's current changes (none: no days added or removed); refuses a region the rules lack. */
const changesOf = (directory: SupervisorDirectory, rules: EscalationRules, region: string): RegionCalendarChanges => {
  if (!Object.hasOwn(rules.regions, region)) {
    throw new DirectoryChangeError('unknown_region', `The rules have no region ${region}; their regions are ${Object.keys(rules.regions).join(', ')}.`);
  }
  const changes = directory.holidays;
  return changes !== undefined && Object.hasOwn(changes, region) ? changes[region]! : { added: [], removed: [] };
};

/**
 * Sets a region's working week (days and windows, in the region's zone) in place of the rules',
 * keeping the holidays' changes; SLA clocks count by it from the functions' next directory read.
 *
 * @example
 * setWorkingHours(directory, rules, 'jp', { workingDays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'], hours: [{ from: '09:00', to: '18:00' }] });
 */
export function setWorkingHours(directory: SupervisorDirectory, rules: EscalationRules, region: string, week: RegionWorkingHours): SupervisorDirectory {
  const current = changesOf(directory, rules, region);
  const order = new Map(WEEKDAYS.map((day, index) => [day, index]));
  const workingDays = [...week.workingDays].sort((a, b) => order.get(a)! - order.get(b)!);
  return { ...directory, holidays: { ...(directory.holidays ?? {}), [region]: { ...current, workingDays, hours: week.hours } } };
}

/**
 * Each region's calendar as it stands at `now`, with its coverage.
 *
 * @example
 * ```ts
 * regionCalendars(rules, directory.holidays, now).find(({ region }) => region === 'us')?.daysLeft; // 391
 * ```
 */
export const regionCalendars = (rules: EscalationRules, changes: HolidayChanges, now: Date): RegionCalendarView[] => {
  const changed = withCalendarChanges(rules, changes);
  const coverage = coverageByRegion(changed, now);
  return Object.entries(changed.regions).map(([region, calendar]) => {
    // en-CA formats a date as YYYY-MM-DD: today in the region's own zone.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: calendar.timeZone }).format(now);
    const change = changes !== undefined && Object.hasOwn(changes, region) ? changes[region]! : { added: [], removed: [] };
    const covered = coverage.get(region);
    return {
      region,
      timeZone: calendar.timeZone,
      upcoming: calendar.holidays.filter((day) => day >= today),
      added: change.added,
      removed: change.removed,
      workingDays: calendar.workingDays,
      hours: calendar.hours,
      // Whether an admin set the working week, or it is the deployed rules'.
      weekChanged: change.workingDays !== undefined,
      ...(covered === undefined ? {} : { holidaysThrough: covered.holidaysThrough, daysLeft: covered.daysLeft }),
      endingSoon: covered !== undefined && covered.daysLeft <= CALENDAR_WARNING_DAYS,
    };
  });
};

/** Each region's coverage (days left to its last covered day) at `now`, with the admins' changes applied. */
export const coverageByRegion = (rules: EscalationRules, now: Date): ReadonlyMap<string, CalendarCoverage> => {
  const { ended, endingSoon } = checkCalendarCoverage(rules, now, Number.POSITIVE_INFINITY);
  return new Map([...ended, ...endingSoon].filter(({ path }) => path[0] === 'regions').map((coverage) => [coverage.path[1]!, coverage]));
};
