import * as z from 'zod/mini';
import { WEEKDAYS } from './weekdays.ts';

import { customerTier, severity } from './escalation-severity.ts';
import { ownKeysRecord } from '../../platform/own-keys-record.ts';

export { type CustomerTier, SEVERITIES, type Severity } from './escalation-severity.ts';

export const weekday = z.enum(WEEKDAYS);

/** A short kebab-case token naming a rule, team or region, safe in keys and logs. */
const identifier = z.string().check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Use a lower-case kebab-case name.'), z.maxLength(64));
const nonEmptyText = z.string().check(z.minLength(1), z.maxLength(200));

// The first DateTimeFormat of a process starts ICU's locale services, about 10 ms of a cold start;
// the runtime's list of canonical zones takes about 1 ms and holds every zone of a usual rules file.
// A name the list leaves out (UTC, an alias such as US/Eastern, other letter case) still gets the
// DateTimeFormat check, so the answers are those of DateTimeFormat alone.
let canonicalTimeZones: ReadonlySet<string> | undefined;

/**
 * Whether this runtime's `Intl.DateTimeFormat` accepts `timeZone`.
 *
 * @example
 * ```ts
 * isTimeZone('Asia/Tokyo'); // true
 * isTimeZone('Asia/Atlantis'); // false
 * ```
 *
 * @internal exported for its tests only
 */
export const isTimeZone = (timeZone: string): boolean => {
  canonicalTimeZones ??= new Set(Intl.supportedValuesOf('timeZone'));
  if (canonicalTimeZones.has(timeZone)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
};

/** `HH:MM` on a 24-hour clock; `24:00` ends a window at midnight. */
const clockTime = z.string().check(z.regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'Use HH:MM on a 24-hour clock (24:00 for midnight at the end of a day).'));
export const localDate = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a local date YYYY-MM-DD.'),
  // Month 13 is an Invalid Date (toISOString would throw), 02-30 rolls over into March.
  z.refine(
    (date) => {
      const parsed = new Date(`${date}T00:00:00Z`);
      return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date);
    },
    { message: 'Not a calendar date.' },
  ),
);

const workingWindow = z
  .strictObject({ from: clockTime, to: clockTime })
  .check(z.refine(({ from, to }) => from < to, { message: 'A working window must end after it starts.', path: ['to'] }));

/** A region's working windows of a day, in order, not overlapping (a day may be split: 09:00-12:00 and 13:00-18:00). */
export const workingHours = z.array(workingWindow).check(
  z.minLength(1),
  z.maxLength(6),
  z.refine((windows) => windows.every((window, index) => index === 0 || windows[index - 1]!.to <= window.from), {
    message: 'Working windows must be in order and must not overlap.',
  }),
);

/**
 * When a region works: its IANA time zone, working days, windows in local wall-clock time (a day
 * may be split, 09:00-12:00 and 13:00-18:00) and holidays as local dates. SLA clocks count only
 * this time. `holidaysThrough` is the last day the holiday list covers (default: 31 December of
 * the year of the last holiday); past it every working day counts as open, so `cdk synth` and
 * `npm start` warn as it nears and refuse a calendar that has ended (see `checkCalendarCoverage`).
 */
const businessCalendar = z
  .strictObject({
    timeZone: z.string().check(z.refine(isTimeZone, { message: 'Not an IANA time zone this runtime knows.' })),
    workingDays: z.array(weekday).check(z.minLength(1)),
    hours: workingHours,
    holidays: z.array(localDate),
    holidaysThrough: z.optional(localDate),
    /**
     * The country's (or its subdivision's) public and bank holidays, from the `date-holidays`
     * library, added to `holidays` at synthesis for every year from `since` to two years ahead:
     * the calendar no longer runs out each December. `holidays` then lists the organisation's own
     * days (a company day off), and admins add and remove days in the console.
     */
    publicHolidays: z.optional(
      z.strictObject({
        country: z.string().check(z.regex(/^[A-Z]{2}$/, 'An ISO 3166-1 alpha-2 country code, such as JP.')),
        subdivision: z.optional(z.string().check(z.regex(/^[A-Z0-9]{1,3}$/, 'An ISO 3166-2 subdivision code, such as ENG.'))),
        since: z.int().check(z.gte(2000), z.lte(2100)),
      }),
    ),
  })
  .check(
    z.refine(({ holidays, holidaysThrough }) => holidaysThrough === undefined || holidays.every((holiday) => holiday <= holidaysThrough), {
      message: 'A holiday falls after holidaysThrough, the last day the list covers.',
      path: ['holidaysThrough'],
    }),
  );
export type BusinessCalendar = z.infer<typeof businessCalendar>;

const positiveCount = z.int().check(z.minimum(1));
const businessMinutes = z.int().check(z.minimum(1));

/**
 * One severity rule: every condition it names must hold; a complaint or CSAT response gets the
 * highest severity among the rules it matches.
 */
const severityRule = z.strictObject({
  id: identifier,
  severity,
  when: z
    .strictObject({
      categories: z.optional(z.array(identifier).check(z.minLength(1))),
      tiers: z.optional(z.array(customerTier).check(z.minLength(1))),
      /** Case-insensitive whole words; in scripts written without spaces (Japanese, Chinese, Thai) anywhere. */
      keywords: z.optional(z.array(nonEmptyText).check(z.minLength(1))),
      /** At least `count` earlier complaints by the same customer in the last `withinDays` days. */
      repeatComplaints: z.optional(z.strictObject({ count: positiveCount, withinDays: positiveCount })),
      /** A confirmed CSAT score at or below this. */
      csatAtMost: z.optional(z.int().check(z.minimum(1), z.maximum(5))),
    })
    .check(z.refine((when) => Object.keys(when).length > 0, { message: 'A rule needs at least one condition.' })),
});

const routingRule = z.strictObject({
  id: identifier,
  team: identifier,
  when: z
    .strictObject({
      products: z.optional(z.array(nonEmptyText).check(z.minLength(1))),
      regions: z.optional(z.array(identifier).check(z.minLength(1))),
      /** Primary language subtags (`ja` matches `ja-JP`). */
      languages: z.optional(z.array(z.string().check(z.regex(/^[a-z]{2,3}$/, 'Use a primary language subtag such as ja.'))).check(z.minLength(1))),
    })
    .check(z.refine((when) => Object.keys(when).length > 0, { message: 'A rule needs at least one condition.' })),
});

const slaClock = z.strictObject({ acknowledgeWithinMinutes: businessMinutes, resolveWithinMinutes: businessMinutes });

const tierSla = z.strictObject({
  /** Premium contracts promise their times; standard support states a target with no guarantee. */
  guaranteed: z.boolean(),
  /** Counts on this calendar instead of the customer's region (a 24x7 premium contract). */
  calendar: z.optional(businessCalendar),
  severities: z.record(severity, slaClock),
});

/** Who answers at each level: the team's supervisors in turn, the team lead, the head of support. */
const chainStep = z.enum(['supervisors', 'lead', 'head']);
export type ChainStep = z.infer<typeof chainStep>;
const chain = z.array(chainStep).check(z.minLength(1));

/**
 * The escalation rules of a deployment: severity, routing, SLA and chain. Declarative data,
 * validated at synth (see `validateRulesFile`) and again at cold start.
 *
 * @example
 * ```ts
 * const rules = escalationRulesSchema.parse(JSON.parse(readFileSync('escalation-rules.json', 'utf8')));
 * ```
 */
export const escalationRulesSchema = z
  .strictObject({
    /** Complaints below this severity are stored but not escalated. */
    escalateFrom: z._default(severity, 'low'),
    /** Severity when no rule matches. */
    defaultSeverity: severity,
    severityRules: z.array(severityRule),
    routing: z.strictObject({ rules: z.array(routingRule), defaultTeam: identifier }),
    sla: z.record(customerTier, tierSla),
    /** Fraction of the acknowledgement time after which the assignee is warned. */
    warningFraction: z._default(z.number().check(z.gt(0), z.lt(1)), 0.75),
    defaultChain: z._default(chain, ['supervisors', 'lead', 'head']),
    teams: ownKeysRecord(identifier, z.strictObject({ chain: z.optional(chain) })),
    regions: ownKeysRecord(identifier, businessCalendar),
    defaultRegion: identifier,
  })
  .check(
    z.superRefine((rules, context) => {
      // Own keys only: every object has a "constructor", the rules may not have such a team.
      const unknownTeam = (team: string, path: (string | number)[]) => {
        if (!Object.hasOwn(rules.teams, team)) context.addIssue({ code: 'custom', message: `Team "${team}" is not in teams.`, path, input: team });
      };
      for (const [index, rule] of rules.routing.rules.entries()) unknownTeam(rule.team, ['routing', 'rules', index, 'team']);
      unknownTeam(rules.routing.defaultTeam, ['routing', 'defaultTeam']);
      if (!Object.hasOwn(rules.regions, rules.defaultRegion)) {
        context.addIssue({
          code: 'custom',
          message: `Region "${rules.defaultRegion}" is not in regions.`,
          path: ['defaultRegion'],
          input: rules.defaultRegion,
        });
      }
    }),
  );

export type EscalationRules = z.infer<typeof escalationRulesSchema>;
