import { BREAKDOWN_PERIODS, type Dimension, isOverallDimension, OVERALL_PERIODS } from './counter-tally.ts';
import { type Counts, MINIMUM_SAMPLE, type ReportFigures, reportFigures } from './report-figures.ts';
import { coveringPeriods, type DaySpan, type Period, periodsOfSpan } from './report-periods.ts';

/** Counts per value of a dimension, each a map of field to sum. */
export type CountsByValue = ReadonlyMap<string, Counts>;

/**
 * Reads one period's counters of one dimension: an overall one (`all`, `team`), or a breakdown
 * within `team` (absent: among the items that have no team).
 */
export interface CounterReader {
  readCounts(period: Period, dimension: Dimension, team?: string): Promise<CountsByValue>;
}

/** What a report may be grouped by. */
type GroupBy = Exclude<Dimension, 'all'>;

/**
 * Dimensions of items that belong to no team (a complaint before its escalation, help-site
 * feedback): an admin's alone to group by, and their figures in an admin's summary only.
 */
export const ADMIN_ONLY_GROUPS: ReadonlySet<Dimension> = new Set(['category', 'feedbackKind', 'article', 'page']);

/** A team's figures: its surveys and escalations (complaints and help-site feedback have no team). */
type TeamFigures = Omit<ReportFigures, 'complaints' | 'feedback'> & Partial<Pick<ReportFigures, 'complaints' | 'feedback'>>;

/** Whose answers a report covers: every team's (an admin), or one team's. */
export type ReportScope = { readonly kind: 'all' } | { readonly kind: 'team'; readonly team: string };

export interface SummaryRequest {
  /** Whole UTC days, `to` excluded. */
  readonly span: DaySpan;
  readonly interval: 'day' | 'week' | 'month';
  readonly groupBy?: GroupBy | undefined;
  readonly scope: ReportScope;
}

/** The figures of one trend bucket (a day, ISO week or month, cut to the span at its edges). */
type TrendBucket = TeamFigures & {
  readonly period: string;
  readonly from: string;
  readonly to: string;
};

export interface ReportSummary {
  readonly minimumSample: number;
  readonly overall: TeamFigures;
  readonly trend: readonly TrendBucket[];
  /** With `groupBy`: one line per value, most counted first (help-site pages and articles: least helpful first). */
  readonly groups?: readonly ({ readonly value: string } & TeamFigures)[];
}

/** Trend buckets one summary may hold: a day interval spans at most about four months. */
export const MAX_TREND_BUCKETS = 120;

const addInto = (into: Map<string, number>, counts: Counts | undefined) => {
  for (const [field, amount] of counts ?? []) into.set(field, (into.get(field) ?? 0) + amount);
};

/**
 * The figures of a span: the trend by `interval`, the whole span, and, with `groupBy`, one line
 * per value. Reads only counters, a bounded number whatever the volume of answers: per trend
 * bucket its covering periods (a whole week or month is one), each a Query per counter shard; for
 * the groups the span's whole months and the days at its edges, in each team's partition (a
 * supervisor's: their own). The whole span's figures are the sum of the buckets', which partition
 * it.
 *
 * @example
 * ```ts
 * await summarizeReports({ span: { from: '2026-10-01', to: '2027-01-01' }, interval: 'week', groupBy: 'agent', scope: { kind: 'team', team: 'japan-support' } }, store);
 * ```
 */
export const summarizeReports = async (request: SummaryRequest, reader: CounterReader): Promise<ReportSummary> => {
  const { scope, groupBy } = request;
  const figuresOf = (counts: Counts): TeamFigures => {
    const figures = reportFigures(counts);
    if (scope.kind === 'all') return figures;
    const { complaints: _complaints, feedback: _feedback, ...teamFigures } = figures;
    return teamFigures;
  };
  // Whose overall counter: everyone's, or the team's line of the team dimension.
  const [overallDimension, overallValue]: [Dimension, string] = scope.kind === 'all' ? ['all', 'all'] : ['team', scope.team];
  const sumOverall = async (periods: readonly Period[]) => {
    const sum = new Map<string, number>();
    for (const counts of await Promise.all(periods.map((period) => reader.readCounts(period, overallDimension)))) addInto(sum, counts.get(overallValue));
    return sum;
  };
  const buckets = periodsOfSpan(request.span, request.interval);
  const bucketCounts = await Promise.all(buckets.map((bucket) => sumOverall(coveringPeriods(bucket, OVERALL_PERIODS))));
  const overall = new Map<string, number>();
  for (const counts of bucketCounts) addInto(overall, counts);

  const summary: ReportSummary = {
    minimumSample: MINIMUM_SAMPLE,
    overall: figuresOf(overall),
    trend: buckets.map((bucket, index) => ({ period: bucket.key, from: bucket.from, to: bucket.to, ...figuresOf(bucketCounts[index]!) })),
  };
  if (groupBy === undefined) return summary;

  const byValue = new Map<string, Map<string, number>>();
  const sumByValue = (counts: CountsByValue) => {
    for (const [value, fields] of counts) {
      if (scope.kind === 'team' && groupBy === 'team' && value !== scope.team) continue;
      const sum = byValue.get(value) ?? new Map<string, number>();
      addInto(sum, fields);
      byValue.set(value, sum);
    }
  };
  if (isOverallDimension(groupBy)) {
    for (const counts of await Promise.all(coveringPeriods(request.span, OVERALL_PERIODS).map((period) => reader.readCounts(period, groupBy))))
      sumByValue(counts);
  } else {
    const periods = coveringPeriods(request.span, BREAKDOWN_PERIODS);
    const partitions = scope.kind === 'team' ? [scope.team] : await partitionsOf(request.span, groupBy, reader);
    const reads = partitions.flatMap((team) => periods.map((period) => reader.readCounts(period, groupBy, team)));
    for (const counts of await Promise.all(reads)) sumByValue(counts);
  }
  const groups = [...byValue].map(([value, counts]) => ({ value, ...figuresOf(counts) }));
  return { ...summary, groups: groups.sort(groupBy === 'article' || groupBy === 'page' || groupBy === 'feedbackKind' ? leastHelpfulFirst : mostCountedFirst) };
};

/**
 * The partitions an admin's breakdown sums: the items without a team, and (for a survey or
 * escalation dimension) every team that counted anything in the span, as its team counters list.
 */
const partitionsOf = async (span: DaySpan, groupBy: Dimension, reader: CounterReader): Promise<(string | undefined)[]> => {
  if (ADMIN_ONLY_GROUPS.has(groupBy)) return [undefined];
  const teams = new Set<string>();
  for (const counts of await Promise.all(coveringPeriods(span, OVERALL_PERIODS).map((period) => reader.readCounts(period, 'team'))))
    for (const team of counts.keys()) teams.add(team);
  return [undefined, ...teams];
};

type Group = { readonly value: string } & TeamFigures;

// Everything a line counts: answers, escalations, complaints and feedback.
const volumeOf = (group: Group) =>
  group.csat.answers + group.nps.answers + group.escalations.escalations + (group.complaints?.complaints ?? 0) + (group.feedback?.feedback ?? 0);
const mostCountedFirst = (a: Group, b: Group) => volumeOf(b) - volumeOf(a) || a.value.localeCompare(b.value);
// The worst articles first: lowest helpful share, those with too few answers after, most feedback first among equals.
const leastHelpfulFirst = (a: Group, b: Group) => {
  const [shareA, shareB] = [a.feedback?.helpful.value ?? null, b.feedback?.helpful.value ?? null];
  if (shareA !== shareB) return shareA === null ? 1 : shareB === null ? -1 : shareA - shareB;
  return mostCountedFirst(a, b);
};
