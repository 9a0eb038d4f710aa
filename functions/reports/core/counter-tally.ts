import { storedEscalationSchema } from '../../escalation/contracts/stored-escalation-items.ts';
import { storedComplaintStatusSchema } from '../../intake/contracts/stored-complaint.ts';
import { storedInvitationSchema } from '../../surveys/contracts/stored-invitation.ts';
import { storedSurveyResponseSchema } from '../../surveys/contracts/stored-survey-response.ts';
import type { ReportedAs } from '../../surveys/contracts/reported-as.ts';
import { type Period, type PeriodKind, periodsOf } from './report-periods.ts';

/**
 * What a report can group by; `all` is the one overall value. Survey answers count by the first
 * eight, complaints by `category`, escalations by team, tier and `severity`, help-site feedback by
 * `feedbackKind`, `article` and `page`.
 */
export type Dimension =
  | 'all'
  | 'team'
  | 'product'
  | 'agent'
  | 'region'
  | 'language'
  | 'tier'
  | 'surveyKind'
  | 'category'
  | 'severity'
  | 'feedbackKind'
  | 'article'
  | 'page';

/**
 * One counter: a period, a dimension and one of its values. The overall counters (`all`, and
 * `team` by team) are kept by day, ISO week and month and sharded, for they take every item.
 * Breakdowns (every other dimension) are kept by day and month within one team (`team` set), or
 * among the items that have no team (a complaint, help-site feedback, a relationship survey), and
 * not sharded: a team's day is a cooler key than everyone's. An admin's breakdown sums the
 * partitions; a supervisor's reads their team's alone.
 */
export interface CounterCell {
  readonly period: Period;
  readonly team?: string | undefined;
  readonly dimension: Dimension;
  readonly value: string;
}

/** The dimensions of the overall counters: every item counts in them, so they are sharded. */
export const isOverallDimension = (dimension: Dimension): boolean => dimension === 'all' || dimension === 'team';

/** The periods the overall counters are kept for: a trend's bucket, whole, is one read. */
export const OVERALL_PERIODS: ReadonlySet<PeriodKind> = new Set(['day', 'week', 'month']);
/** The periods breakdowns are kept for: a span's breakdown reads its whole months and the days at its edges. */
export const BREAKDOWN_PERIODS: ReadonlySet<PeriodKind> = new Set(['day', 'month']);

/**
 * Amounts per counter and field, e.g. `csat_5: 1` for one confirmed CSAT of 5. Fields are
 * histograms (`csat_1`…`csat_5`, `nps_0`…`nps_10`, the same with `unconfirmed_` for one-click
 * scores not yet confirmed; `ack_within_<minutes>` and `resolve_within_<minutes>`, `rating_1`…
 * `rating_5`) and counts (`responses`, `sent`, `reminded`, `answered`, `bounced`; `complaints`,
 * `complaints_<status>`; `escalations`, `escalations_<status>`, `escalations_level_<n>`, `breached`,
 * `sla_met`, `sla_missed`; `feedback`, `helpful_yes`, `helpful_no`, `comments`), so every figure,
 * and its interval, is computed from sums.
 */
export type Tally = ReadonlyMap<string, { readonly cell: CounterCell; readonly fields: ReadonlyMap<string, number> }>;

/** A cell's identity in a {@link Tally} (its parts may hold any text, `#` included). */
const cellIdOf = (cell: CounterCell): string => JSON.stringify([cell.period.kind, cell.period.key, cell.team ?? null, cell.dimension, cell.value]);

// What a survey answer is broken down by, beside its kind (its team is its partition).
const BREAKDOWN_DIMENSIONS = ['product', 'agent', 'region', 'language', 'tier'] as const satisfies readonly (keyof ReportedAs & Dimension)[];

type Fields = Readonly<Record<string, number>>;

// Every counter one item counts in: the overall counters of each period of `instant` (and the
// team's, with a `team`), and the breakdown by each of `values` in its team's partition, or the
// partition of items without a team, by day and month. Empty values are left out (they cannot be
// keys).
const cellsOf = (instant: string, values: readonly [Dimension, string | undefined][], team: string | undefined): CounterCell[] => {
  const kept = values.filter((entry): entry is [Dimension, string] => entry[1] !== undefined && entry[1] !== '');
  const partition = team === '' ? undefined : team;
  return periodsOf(instant).flatMap((period) => [
    { period, dimension: 'all' as const, value: 'all' },
    ...(partition === undefined ? [] : [{ period, dimension: 'team' as const, value: partition }]),
    ...(BREAKDOWN_PERIODS.has(period.kind) ? kept.map(([dimension, value]) => ({ period, team: partition, dimension, value })) : []),
  ]);
};

// What a survey item is reported under (a response about the product, not the agent, leaves the
// agent's). At most 3 periods × 2 overall counters and 2 periods × 6 breakdowns: 18 counters.
const surveyCellsOf = (instant: string, surveyKind: string | undefined, reportedAs: ReportedAs | undefined, withoutAgent: boolean) =>
  cellsOf(
    instant,
    [
      ['surveyKind', surveyKind],
      ...BREAKDOWN_DIMENSIONS.filter((dimension) => !(withoutAgent && dimension === 'agent')).map((dimension): [Dimension, string | undefined] => [
        dimension,
        reportedAs?.[dimension],
      ]),
    ],
    reportedAs?.team,
  );

// A survey response counts where its customer first answered; unconfirmed one-click scores apart.
const responseCounts = (image: Record<string, unknown>): [CounterCell[], Fields] | undefined => {
  const parsed = storedSurveyResponseSchema.safeParse(image);
  if (!parsed.success) return undefined;
  const response = parsed.data;
  const prefix = response.status === 'confirmed' ? '' : 'unconfirmed_';
  const fields: Record<string, number> = { [`${prefix}responses`]: 1 };
  if (response.answer.csat !== undefined) fields[`${prefix}csat_${response.answer.csat}`] = 1;
  if (response.answer.nps !== undefined) fields[`${prefix}nps_${response.answer.nps}`] = 1;
  return [surveyCellsOf(response.firstAnsweredAt, response.surveyKind, response.reportedAs, response.aboutProductNotAgent === true), fields];
};

// An invitation counts once sent, in the period it was sent: so are its reminder, bounce and answer.
const invitationCounts = (image: Record<string, unknown>): [CounterCell[], Fields] | undefined => {
  const parsed = storedInvitationSchema.safeParse(image);
  if (!parsed.success) return undefined;
  const invitation = parsed.data;
  const sentAt = invitation.sentAt;
  if (sentAt === undefined) return undefined;
  const fields: Record<string, number> = { sent: 1 };
  if (invitation.remindedAt !== undefined) fields['reminded'] = 1;
  if (invitation.bouncedAt !== undefined) fields['bounced'] = 1;
  if (invitation.state === 'answered') fields['answered'] = 1;
  return [surveyCellsOf(sentAt, invitation.kind, invitation.reportedAs, false), fields];
};

/**
 * Bounds, in minutes, of the time-to-acknowledge and time-to-resolve histograms: 5 minutes to a
 * week, then beyond (`ack_within_inf`). A median or p90 is told as the bound of its bucket.
 */
export const DURATION_BUCKETS_MINUTES = [5, 15, 30, 60, 2 * 60, 4 * 60, 8 * 60, 24 * 60, 48 * 60, 7 * 24 * 60] as const;

const bucketOf = (from: string, to: string) => {
  const minutes = (Date.parse(to) - Date.parse(from)) / 60_000;
  return String(DURATION_BUCKETS_MINUTES.find((bound) => minutes <= bound) ?? 'inf');
};

// A complaint counts in the period it was accepted, by category and by where it stands.
const complaintCounts = (image: Record<string, unknown>): [CounterCell[], Fields] | undefined => {
  const parsed = storedComplaintStatusSchema.safeParse(image);
  if (!parsed.success) return undefined;
  const complaint = parsed.data;
  return [cellsOf(complaint.acceptedAt, [['category', complaint.category]], undefined), { complaints: 1, [`complaints_${complaint.status}`]: 1 }];
};

// An escalation counts in the period it opened: its status, the highest level it reached (levels
// only rise), its times to acknowledge and resolve, and for a guaranteed (premium) one whether the
// acknowledgement met its obligation.
const escalationCounts = (image: Record<string, unknown>): [CounterCell[], Fields] | undefined => {
  const parsed = storedEscalationSchema.safeParse(image);
  if (!parsed.success) return undefined;
  const escalation = parsed.data;
  const fields: Record<string, number> = { escalations: 1, [`escalations_${escalation.status}`]: 1, [`escalations_level_${escalation.level}`]: 1 };
  if (escalation.breached) fields['breached'] = 1;
  if (escalation.acknowledgedAt !== undefined) fields[`ack_within_${bucketOf(escalation.createdAt, escalation.acknowledgedAt)}`] = 1;
  if (escalation.resolvedAt !== undefined) fields[`resolve_within_${bucketOf(escalation.createdAt, escalation.resolvedAt)}`] = 1;
  if (escalation.guaranteed) {
    const met = escalation.acknowledgedAt !== undefined && escalation.acknowledgedAt <= escalation.ackDueAt;
    if (met) fields['sla_met'] = 1;
    else if (escalation.breached || escalation.acknowledgedAt !== undefined) fields['sla_missed'] = 1;
  }
  return [
    cellsOf(
      escalation.createdAt,
      [
        ['severity', escalation.severity],
        ['tier', escalation.tier],
      ],
      escalation.team,
    ),
    fields,
  ];
};

/** The longest text a counter key takes from outside (a sort key holds 1,024 bytes; 256 characters of UTF-8 fit). */
const KEY_TEXT_CHARS = 256;

/** A page as its counter's key: host and path, no query or fragment, at most {@link KEY_TEXT_CHARS} characters. */
const pageKeyOf = (pageUrl: string | undefined) => {
  if (pageUrl === undefined || !URL.canParse(pageUrl)) return undefined;
  const url = new URL(pageUrl);
  return `${url.host}${url.pathname}`.slice(0, KEY_TEXT_CHARS);
};

// Help-site feedback counts in the period it was accepted, by kind, article and page.
const feedbackCounts = (image: Record<string, unknown>): [CounterCell[], Fields] | undefined => {
  const { kind, articleId, pageUrl, helpful, rating, comment, acceptedAt } = image;
  if ((kind !== 'site' && kind !== 'article') || typeof acceptedAt !== 'string' || Number.isNaN(Date.parse(acceptedAt))) return undefined;
  const fields: Record<string, number> = { feedback: 1 };
  if (typeof helpful === 'boolean') fields[helpful ? 'helpful_yes' : 'helpful_no'] = 1;
  if (typeof rating === 'number' && Number.isInteger(rating) && rating >= 1 && rating <= 5) fields[`rating_${rating}`] = 1;
  if (typeof comment === 'string' && comment !== '') fields['comments'] = 1;
  const values: [Dimension, string | undefined][] = [
    ['feedbackKind', kind],
    ['article', typeof articleId === 'string' ? articleId.slice(0, KEY_TEXT_CHARS) : undefined],
    ['page', pageKeyOf(typeof pageUrl === 'string' ? pageUrl : undefined)],
  ];
  return [cellsOf(acceptedAt, values, undefined), fields];
};

/** The kinds of item the reports count (and the analytics copy keeps). */
export type CountedKind = 'survey_response' | 'survey_invitation' | 'complaint' | 'escalation' | 'help_feedback';

/**
 * Which counted item a stream image is, by its keys; `undefined` for every other item (directory,
 * outbox, markers, audit entries…).
 *
 * @example
 * ```ts
 * countedKindOf({ pk: 'INVITATION#i-1', sk: 'RESPONSE' }); // 'survey_response'
 * ```
 */
export const countedKindOf = ({ pk, sk }: Record<string, unknown>): CountedKind | undefined => {
  if (typeof pk !== 'string') return undefined;
  if (pk.startsWith('INVITATION#')) return sk === 'RESPONSE' ? 'survey_response' : sk === 'INVITATION' ? 'survey_invitation' : undefined;
  if (pk.startsWith('COMPLAINT#') && sk === 'COMPLAINT') return 'complaint';
  if (pk.startsWith('ESCALATION#') && sk === 'ESCALATION') return 'escalation';
  if (pk.startsWith('FEEDBACK#') && sk === 'FEEDBACK') return 'help_feedback';
  return undefined;
};

const COUNTS_OF: Readonly<Record<CountedKind, (image: Record<string, unknown>) => [CounterCell[], Fields] | undefined>> = {
  survey_response: responseCounts,
  survey_invitation: invitationCounts,
  complaint: complaintCounts,
  escalation: escalationCounts,
  help_feedback: feedbackCounts,
};

const countsOf = (image: Record<string, unknown>): [CounterCell[], Fields] | undefined => {
  const kind = countedKindOf(image);
  return kind === undefined ? undefined : COUNTS_OF[kind](image);
};

/**
 * What one stored item counts, by its keys: a survey response, a sent invitation, a complaint, an
 * escalation or help-site feedback; nothing for any other item (or one that does not parse, which
 * its writer's tests own).
 *
 * @example
 * ```ts
 * tallyOf({ pk: 'INVITATION#i-1', sk: 'RESPONSE', status: 'confirmed', answer: { csat: 5 }, firstAnsweredAt, … });
 * // Map { '["day","2026-12-06","all","all"]' => { cell, fields: Map { 'responses' => 1, 'csat_5' => 1 } }, … }
 * ```
 *
 * @internal exported for its tests only
 */
export const tallyOf = (image: Record<string, unknown> | undefined): Tally => {
  const tally = new Map<string, { cell: CounterCell; fields: Map<string, number> }>();
  const counted = image === undefined ? undefined : countsOf(image);
  if (counted === undefined) return tally;
  const [cells, fields] = counted;
  for (const cell of cells) tally.set(cellIdOf(cell), { cell, fields: new Map(Object.entries(fields)) });
  return tally;
};

/**
 * Adds `tally` times `sign` into `into`, dropping fields (and cells) that come to zero.
 *
 * @example
 * ```ts
 * const change = new Map(); addTally(change, tallyOf(newImage), 1); addTally(change, tallyOf(oldImage), -1);
 * ```
 */
export const addTally = (into: Map<string, { cell: CounterCell; fields: Map<string, number> }>, tally: Tally, sign: 1 | -1): void => {
  for (const [id, { cell, fields }] of tally) {
    const target = into.get(id) ?? { cell, fields: new Map<string, number>() };
    for (const [field, amount] of fields) {
      const sum = (target.fields.get(field) ?? 0) + sign * amount;
      if (sum === 0) target.fields.delete(field);
      else target.fields.set(field, sum);
    }
    if (target.fields.size === 0) into.delete(id);
    else into.set(id, target);
  }
};

/**
 * How the counters move when an item changes from `oldImage` to `newImage` (either absent for a
 * put or a delete): the new item's counts in, the old one's out. An answer updated from 2 to 5
 * moves one count from `csat_2` to `csat_5`; a one-click score confirmed moves from
 * `unconfirmed_csat_n` to `csat_n`; a change that touches nothing counted (an erased comment, a
 * state the counters ignore) moves nothing.
 *
 * @example
 * ```ts
 * changeOf(oldResponse, { ...oldResponse, answer: { csat: 5 } }); // csat_2: -1, csat_5: +1 in each cell
 * ```
 */
export const changeOf = (oldImage: Record<string, unknown> | undefined, newImage: Record<string, unknown> | undefined): Tally => {
  const change = new Map<string, { cell: CounterCell; fields: Map<string, number> }>();
  addTally(change, tallyOf(newImage), 1);
  addTally(change, tallyOf(oldImage), -1);
  return change;
};
