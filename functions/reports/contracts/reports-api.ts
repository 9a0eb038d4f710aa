import * as z from 'zod/mini';
import { singleLineText } from '../../platform/text/text-fields.ts';

/**
 * What a summary may be grouped by: the dimensions its counters keep. `category` (complaints),
 * `feedbackKind`, `article` and `page` (help-site feedback) belong to no team: an admin's only.
 */
const REPORT_GROUPS = [
  'team',
  'product',
  'agent',
  'region',
  'language',
  'tier',
  'surveyKind',
  'severity',
  'category',
  'feedbackKind',
  'article',
  'page',
] as const;

/**
 * `GET /reports/summary`: whole UTC days from `from` to `to`, both included; the trend by
 * `interval`; with `groupBy`, one line per value. `team` narrows an admin's report to one team;
 * a supervisor or lead may name only their own (their reports are always their team's).
 */
export const reportSummaryQuerySchema = z.strictObject({
  from: z.iso.date(),
  to: z.iso.date(),
  interval: z._default(z.enum(['day', 'week', 'month']), 'week'),
  groupBy: z.optional(z.enum(REPORT_GROUPS)),
  team: z.optional(singleLineText(64)),
});

const nullableNumber = z.nullable(z.number());

/** A share with its sample size and 95% Wilson interval; value and interval null below the minimum sample. */
const shareSchema = z.object({ count: z.int(), of: z.int(), value: nullableNumber, low: nullableNumber, high: nullableNumber, tooFew: z.boolean() });

const csatSchema = z.object({ answers: z.int(), satisfied: shareSchema, mean: nullableNumber, distribution: z.array(z.int()) });

const npsSchema = z.object({
  answers: z.int(),
  promoters: z.int(),
  passives: z.int(),
  detractors: z.int(),
  score: nullableNumber,
  low: nullableNumber,
  high: nullableNumber,
  tooFew: z.boolean(),
});

/** A duration's median or p90, as the bound of its histogram bucket (minutes); null without data. */
const durationQuantileSchema = z.nullable(z.union([z.object({ withinMinutes: z.number() }), z.object({ overMinutes: z.number() })]));
const durationSchema = z.object({ count: z.int(), median: durationQuantileSchema, p90: durationQuantileSchema });

const figuresShape = {
  csat: csatSchema,
  nps: npsSchema,
  responseRate: z.object({ sent: z.int(), answered: shareSchema, reminded: shareSchema, bounced: shareSchema }),
  /** One-click scores not yet confirmed: shown apart, never in the figures above. */
  unconfirmed: z.object({ answers: z.int(), csat: csatSchema, nps: npsSchema }),
  escalations: z.object({
    escalations: z.int(),
    byStatus: z.object({ open: z.int(), claimed: z.int(), acknowledged: z.int(), resolved: z.int() }),
    /** By the highest level reached (1: the first supervisor). */
    byLevel: z.array(z.object({ level: z.int(), escalations: z.int() })),
    breached: z.int(),
    timeToAcknowledge: durationSchema,
    timeToResolve: durationSchema,
    /** Premium (guaranteed) escalations acknowledged within the obligation, of those decided. */
    slaAttainment: shareSchema,
  }),
  /** An admin's summary only (a complaint has no team until escalated). */
  complaints: z.optional(z.object({ complaints: z.int(), received: z.int(), underReview: z.int(), resolved: z.int() })),
  /** Help-site feedback: an admin's summary only. */
  feedback: z.optional(
    z.object({
      feedback: z.int(),
      helpful: shareSchema,
      rating: z.object({ ratings: z.int(), mean: nullableNumber, distribution: z.array(z.int()) }),
      comments: z.int(),
    }),
  ),
};

/** The answer of `GET /reports/summary`. */
export const reportSummarySchema = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  interval: z.enum(['day', 'week', 'month']),
  groupBy: z.optional(z.enum(REPORT_GROUPS)),
  /** The team the figures are of; absent for every team (an admin's). */
  team: z.optional(z.string()),
  minimumSample: z.int(),
  overall: z.object(figuresShape),
  trend: z.array(z.object({ period: z.string(), from: z.iso.date(), to: z.iso.date(), ...figuresShape })),
  groups: z.optional(z.array(z.object({ value: z.string(), ...figuresShape }))),
});

/** A summary's query and answer as types, for readers (the console) that must not bundle zod. */
export type ReportSummaryQuery = z.infer<typeof reportSummaryQuerySchema>;
export type ReportSummary = z.infer<typeof reportSummarySchema>;

/** What `GET /reports/export.csv` exports: one row per item of the kind, in the span. */
export const EXPORT_KINDS = ['responses', 'complaints', 'escalations', 'feedback'] as const;

/**
 * `GET /reports/export.csv`: the items of `kind` of whole UTC days from `from` to `to`, both
 * included, a page of rows at a time (`cursor` from the previous page's `Link: <…>; rel="next"`).
 * `team` narrows an admin's export of responses or escalations; complaints and feedback are an
 * admin's only.
 */
export const reportExportQuerySchema = z.strictObject({
  from: z.iso.date(),
  to: z.iso.date(),
  kind: z.enum(EXPORT_KINDS),
  team: z.optional(singleLineText(64)),
  cursor: z.optional(z.string().check(z.maxLength(4096))),
});
