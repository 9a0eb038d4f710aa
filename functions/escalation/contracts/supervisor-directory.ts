import * as z from 'zod/mini';
import { ownKeysRecord } from '../../platform/own-keys-record.ts';
import { localDate, weekday, workingHours } from './escalation-rules.ts';
import { supervisorUserId } from './supervisor-user-id.ts';

/** How many away periods a person keeps at most (ended ones are dropped at each change): leave planned a year ahead fits. */
export const MAX_AWAY_PERIODS = 20;

/**
 * A time someone is away, from one instant up to (not including) another: the console sends the
 * viewer's local midnights of the first day and of the day after the last.
 */
export const awayPeriodSchema = z
  .strictObject({ from: z.iso.datetime({ offset: true }), until: z.iso.datetime({ offset: true }) })
  .check(z.refine(({ from, until }) => Date.parse(from) < Date.parse(until), { message: 'An away period ends after it starts.', path: ['until'] }));
export type AwayPeriod = z.infer<typeof awayPeriodSchema>;

/** One person of the supervisor directory: the sign-in user id, their name, where their escalation emails go, and when they take no new work. */
const directoryPerson = z.strictObject({
  id: supervisorUserId,
  /** As the console shows them (the pool's `name`); absent, the console shows the user name. */
  name: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
  email: z.email(),
  /** Away (leave, sick, out of shift): skipped by round-robin; a lead marked away is passed over for the head of support. */
  away: z.optional(z.boolean()),
  /** Planned absences, earliest first: skipped as `away` while one of them runs. */
  awayPeriods: z.optional(z.array(awayPeriodSchema).check(z.maxLength(MAX_AWAY_PERIODS))),
});

/** How many days an admin adds to, or removes from, one region's calendar at most. */
const MAX_HOLIDAY_CHANGES = 200;

/**
 * An admin's changes to a region's holidays, over the rules' calendar (the library's days and the
 * file's): days added (a company day off, a day the library lacks), days removed (a public holiday
 * the team works), and a later last covered day once next year's days are in.
 */
export const regionHolidayChangesSchema = z.strictObject({
  added: z.array(localDate).check(z.maxLength(MAX_HOLIDAY_CHANGES)),
  removed: z.array(localDate).check(z.maxLength(MAX_HOLIDAY_CHANGES)),
  holidaysThrough: z.optional(localDate),
});

/** An admin's working week for a region, in place of the rules' (a team that starts working Saturdays, shorter winter hours). */
export const regionWorkingHoursSchema = z.strictObject({
  workingDays: z.array(weekday).check(
    z.minLength(1),
    z.refine((days) => new Set(days).size === days.length, { message: 'Name each working day once.' }),
  ),
  hours: workingHours,
});
export type RegionWorkingHours = z.infer<typeof regionWorkingHoursSchema>;

/** What admins changed of one region's calendar: its holidays and, once set, its working week. */
const regionCalendarChangesSchema = z.strictObject({ ...regionHolidayChangesSchema.shape, ...z.partial(regionWorkingHoursSchema).shape });
export type RegionCalendarChanges = z.infer<typeof regionCalendarChangesSchema>;
export type RegionHolidayChanges = z.infer<typeof regionHolidayChangesSchema>;

/**
 * Who answers escalations: per team its supervisors (in round-robin order) and lead, and the head
 * of support at the top of every chain; each person by their user name in the pool. Kept in the
 * table as one item (`dynamodb-directory-store.ts`), seeded once from
 * `config/supervisor-directory.json`: the consumer needs the roster and away flags at decision
 * time, and the notifier the addresses, without a Cognito call per complaint.
 */
export const supervisorDirectorySchema = z.strictObject({
  head: directoryPerson,
  teams: ownKeysRecord(z.string(), z.strictObject({ supervisors: z.array(directoryPerson).check(z.minLength(1)), lead: directoryPerson })),
  /** Admins' changes to each region's calendar (holidays, working week), by region of the rules (none in the seed). */
  holidays: z.optional(ownKeysRecord(z.string(), regionCalendarChangesSchema)),
});
export type SupervisorDirectory = z.infer<typeof supervisorDirectorySchema>;
