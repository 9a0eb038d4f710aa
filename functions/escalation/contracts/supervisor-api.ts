import * as z from 'zod/mini';
import { severity } from './escalation-severity.ts';
import { awayPeriodSchema, MAX_AWAY_PERIODS, regionHolidayChangesSchema, regionWorkingHoursSchema } from './supervisor-directory.ts';
import { supervisorUserId } from './supervisor-user-id.ts';
import { multiLineText, singleLineText } from '../../platform/text/text-fields.ts';

const escalationStatus = z.enum(['open', 'claimed', 'acknowledged', 'resolved']);

/** Why an escalation exists: a complaint (`CMP-…`) or a confirmed very low survey score (`CSAT-…`). */
const escalationSource = z.enum(['complaint', 'survey']);

/**
 * The query of `GET /escalations`. Without `status`, the unresolved ones (open, claimed,
 * acknowledged); `sort` `newest` (default) or `overdue` (earliest due clock first); `limit` 1 to
 * 100 (default 25); `cursor` the `cursor` of the previous page, for the same filters.
 */
export const escalationListQuerySchema = z.strictObject({
  status: z.optional(escalationStatus),
  severity: z.optional(severity),
  team: z.optional(singleLineText(64)),
  assignee: z.optional(singleLineText(128)),
  sort: z._default(z.enum(['newest', 'overdue']), 'newest'),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 25),
  cursor: z.optional(z.string().check(z.maxLength(8192))),
});

/** `POST /escalations/{id}/claim` and `/ack`: no fields (an empty body or `{}`). */
export const noFieldsBodySchema = z.strictObject({});

/** `POST /escalations/{id}/notes`. */
export const escalationNoteSchema = z.strictObject({ text: multiLineText(5000) });

/**
 * `POST /escalations/{id}/reassign` (leads and admins only): the user id of the new assignee, a
 * supervisor or the lead of the escalation's team; or, to move it to another team, that `team`
 * and one of its members.
 */
export const escalationReassignSchema = z.strictObject({ to: supervisorUserId, team: z.optional(singleLineText(64)) });

/**
 * `POST /escalations/{id}/resolve`: the resolution text. A complaint's complainant is sent it; a
 * survey escalation's customer is not (it is recorded for the team only).
 */
export const escalationResolveSchema = z.strictObject({ resolution: multiLineText(5000) });

/** One escalation in a listing or an action's answer. */
const escalationSummarySchema = z.strictObject({
  id: z.string(),
  reference: z.string(),
  /** So a queue can say what kind each escalation is without opening it. */
  source: escalationSource,
  severity,
  team: z.string(),
  assignee: z.string(),
  level: z.number(),
  status: escalationStatus,
  ackDueAt: z.string(),
  resolveDueAt: z.string(),
});
export type EscalationSummary = z.infer<typeof escalationSummarySchema>;

/** One line of an escalation's history: who did what, when. */
const auditEntrySchema = z.strictObject({ at: z.string(), actor: z.string(), action: z.string(), detail: z.record(z.string(), z.string()) });
export type AuditEntryView = z.infer<typeof auditEntrySchema>;

/** The names of the people a response names by user name (assignees, history actors), as the directory has them; someone without one is left out. */
const peopleNamesSchema = z.record(z.string(), z.string());

/** `200` of `GET /escalations`: `cursor` is absent on the last page. */
export const escalationListSchema = z.strictObject({
  escalations: z.array(escalationSummarySchema),
  names: peopleNamesSchema,
  cursor: z.optional(z.string()),
});

/** `200` of `GET /escalations/{id}`: the whole state and the history, oldest entry first. */
/**
 * The complaint an escalation is about, as a supervisor reads it: what was said and about which
 * case, never the complainant's address or name (the acknowledgement and resolution emails reach
 * them without the supervisor).
 */
export const escalationComplaintSchema = z.strictObject({
  category: z.string(),
  description: z.string(),
  caseId: z.optional(z.string()),
  product: z.optional(z.string()),
  language: z.optional(z.string()),
  acceptedAt: z.iso.datetime(),
  /** `withheld`: no acknowledgement email went out, the address having filed five complaints in the 24 hours before. */
  acknowledgement: z.optional(z.literal('withheld')),
});
export type EscalationComplaint = z.infer<typeof escalationComplaintSchema>;

/**
 * The confirmed very low survey answer an escalation is about (`escalation.source` `survey`): the
 * score, the reasons ticked and the comment as first confirmed, and the case surveyed. Never the
 * customer's address or name.
 */
export const escalationSurveyAnswerSchema = z.strictObject({
  /** The answer's invitation: `PUT /responses/{invitationId}/about-product` marks it. */
  invitationId: z.optional(z.string()),
  /** A supervisor marked it about the product, not the agent. */
  aboutProductNotAgent: z.optional(z.boolean()),
  csat: z.int(),
  reasons: z.optional(z.array(z.string())),
  comment: z.optional(z.string()),
  caseId: z.optional(z.string()),
  answeredAt: z.iso.datetime(),
});
export type EscalationSurveyAnswer = z.infer<typeof escalationSurveyAnswerSchema>;

/** The actions of the supervisor API, as their routes name them, in the order a console offers them. */
export const ESCALATION_ACTIONS = ['claim', 'ack', 'notes', 'reassign', 'resolve'] as const;
export type EscalationActionName = (typeof ESCALATION_ACTIONS)[number];

export const escalationDetailSchema = z.strictObject({
  escalation: z.looseObject(escalationSummarySchema.shape),
  /** Absent for an escalation without a stored complaint. */
  complaint: z.optional(escalationComplaintSchema),
  /** Present for an escalation a confirmed very low survey score opened. */
  surveyAnswer: z.optional(escalationSurveyAnswerSchema),
  history: z.array(auditEntrySchema),
  /** What the caller may do next, the primary action first (`claim`, `ack`, `notes`, `reassign`, `resolve`). */
  nextActions: z.array(z.enum(ESCALATION_ACTIONS)),
  names: peopleNamesSchema,
  /** Whom a reassign may name: the team's supervisors, then its lead; present when `nextActions` offers `reassign`. */
  reassignTo: z.optional(z.array(z.string())),
  /** The other teams a reassign may move it to (`{ to, team }`), each with its members; present with `reassignTo` when the directory has other teams. */
  moveTo: z.optional(z.array(z.strictObject({ team: z.string(), members: z.array(z.string()) }))),
});

/** `200` of every action: the new state and the audit entry it appended. */
export const escalationActionResultSchema = z.strictObject({ escalation: escalationSummarySchema, entry: auditEntrySchema });

/**
 * `PUT /people/{id}/away`: the person's away periods, the whole list (an empty list clears it).
 * Periods that have ended are dropped, not stored.
 */
export const awayPeriodsBodySchema = z.strictObject({
  periods: z.array(awayPeriodSchema).check(z.maxLength(MAX_AWAY_PERIODS)),
  /** Sets or clears the open-ended away mark (a disabled account's, an admin's `set-away`); absent, it is left as it is. */
  away: z.optional(z.boolean()),
});

/**
 * `PUT /responses/{invitationId}/about-product`: whether a survey answer is about the product, not
 * the agent. Marked, it stays in the overall and team figures and leaves the agent's.
 */
export const responseMarkBodySchema = z.strictObject({ aboutProductNotAgent: z.boolean() });

/** A survey answer's mark as stored now, and who set it. */
export const responseMarkAnswerSchema = z.strictObject({
  response: z.strictObject({
    invitationId: z.string(),
    aboutProductNotAgent: z.boolean(),
    markedBy: z.string(),
    markedAt: z.iso.datetime(),
  }),
});
export type ResponseMark = z.infer<typeof responseMarkAnswerSchema>['response'];

/** One person whose away dates the caller sees and sets, as the console's team page shows them: no email (the page has no use for it). */
const personInReachSchema = z.strictObject({
  id: z.string(),
  name: z.optional(z.string()),
  /** Absent for the head of support. */
  team: z.optional(z.string()),
  place: z.enum(['head', 'lead', 'supervisor']),
  /** Marked away until marked back (an admin's `set-away`, a disabled account). */
  away: z.boolean(),
  awayPeriods: z.array(awayPeriodSchema),
  /** Takes no new work right now. */
  awayNow: z.boolean(),
});
export type PersonInReachView = z.infer<typeof personInReachSchema>;

/** `200` of `GET /people`: an admin's is everyone, a lead's their team, a supervisor's themselves. */
export const peopleListSchema = z.strictObject({ people: z.array(personInReachSchema) });

/** `200` of `PUT /people/{id}/away`: the person as stored now. */
export const personAnswerSchema = z.strictObject({ person: personInReachSchema });

/**
 * `PUT /calendars/{region}/holidays` (admins): the region's changes over its deployed calendar,
 * whole: the days added, the days removed (a public holiday the team works), and optionally a
 * later last covered day once next year's days are in.
 */
export const holidayChangesBodySchema = regionHolidayChangesSchema;

/** `PUT /calendars/{region}/hours` (admins): the region's working days and windows (local wall-clock time), in place of the deployed rules'. */
export const workingHoursBodySchema = regionWorkingHoursSchema;

/** One region's calendar: its holidays from today on as the SLA clocks count them, the admins' changes, and how long it covers. */
const regionCalendarSchema = z.strictObject({
  region: z.string(),
  timeZone: z.string(),
  upcoming: z.array(z.string()),
  added: z.array(z.string()),
  removed: z.array(z.string()),
  /** The working week the SLA clocks count by: the rules', or an admin's (`weekChanged`). */
  workingDays: z.array(z.string()),
  hours: z.array(z.strictObject({ from: z.string(), to: z.string() })),
  weekChanged: z.boolean(),
  holidaysThrough: z.optional(z.string()),
  daysLeft: z.optional(z.int()),
  /** Within 60 days of its last covered day, or past it. */
  endingSoon: z.boolean(),
});
export type RegionCalendarView = z.infer<typeof regionCalendarSchema>;

/** `200` of `GET /calendars` (admins). */
export const calendarListSchema = z.strictObject({ calendars: z.array(regionCalendarSchema) });

/** `200` of `PUT /calendars/{region}/holidays` and `…/hours`: the region's calendar as it counts now. */
export const calendarAnswerSchema = z.strictObject({ calendar: regionCalendarSchema });
