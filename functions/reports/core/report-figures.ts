import { DURATION_BUCKETS_MINUTES } from './counter-tally.ts';

/** Summed counter fields (`csat_5`, `sent`, …); a field never counted reads as 0. */
export type Counts = ReadonlyMap<string, number>;

/**
 * Fewer answers than this and a share or score is withheld (`value` null, `tooFew` true): with 20
 * answers a 95% interval is still about ±20 points wide at 50%, and narrower samples mislead.
 */
export const MINIMUM_SAMPLE = 20;

/** z for a two-sided 95% interval. */
const Z95 = 1.959964;

/** A share with its sample and 95% interval; withheld (nulls) below {@link MINIMUM_SAMPLE}. */
interface Share {
  readonly count: number;
  readonly of: number;
  readonly value: number | null;
  readonly low: number | null;
  readonly high: number | null;
  readonly tooFew: boolean;
}

const countOf = (counts: Counts, field: string) => counts.get(field) ?? 0;
const sumOf = (counts: Counts, prefix: string, scores: readonly number[]) => scores.reduce((sum, score) => sum + countOf(counts, `${prefix}${score}`), 0);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);
const CSAT_SCORES = range(1, 5);
const NPS_SCORES = range(0, 10);

/**
 * The Wilson score interval of `count` successes in `of` trials, at 95%: unlike the normal
 * approximation it stays inside [0, 1] and is honest near 0% and 100% and for small samples.
 *
 * @example
 * ```ts
 * wilsonInterval(45, 50); // { low: 0.7864…, high: 0.9565… }
 * ```
 *
 * @internal exported for its tests only
 */
export const wilsonInterval = (count: number, of: number): { low: number; high: number } => {
  if (of === 0) return { low: 0, high: 1 };
  const p = count / of;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * of)) / (1 + z2 / of);
  const half = (Z95 * Math.sqrt((p * (1 - p)) / of + z2 / (4 * of * of))) / (1 + z2 / of);
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
};

/**
 * `count` of `of` as a {@link Share}: the value and its Wilson interval, or nulls and `tooFew`
 * below the minimum sample.
 *
 * @example
 * ```ts
 * shareOf(45, 50); // { count: 45, of: 50, value: 0.9, low: 0.786…, high: 0.956…, tooFew: false }
 * ```
 *
 * @internal exported for its tests only
 */
export const shareOf = (count: number, of: number, minimum = MINIMUM_SAMPLE): Share => {
  if (of < Math.max(1, minimum)) return { count, of, value: null, low: null, high: null, tooFew: true };
  const { low, high } = wilsonInterval(count, of);
  return { count, of, value: count / of, low, high, tooFew: false };
};

/** CSAT: the share of 4 and 5 among confirmed answers, and the mean score (1 to 5). */
interface CsatFigures {
  readonly answers: number;
  readonly satisfied: Share;
  readonly mean: number | null;
  /** Answers per score, 1 to 5. */
  readonly distribution: readonly number[];
}

/**
 * CSAT from a histogram: satisfied = (n₄ + n₅) / n with its Wilson interval; mean = Σ k·nₖ / n.
 *
 * @example
 * ```ts
 * csatFigures(new Map([['csat_5', 30], ['csat_2', 10]])).satisfied.value; // 0.75
 * ```
 *
 * @internal exported for its tests only
 */
export const csatFigures = (counts: Counts, prefix = 'csat_'): CsatFigures => {
  const distribution = CSAT_SCORES.map((score) => countOf(counts, `${prefix}${score}`));
  const answers = distribution.reduce((sum, n) => sum + n, 0);
  const satisfied = shareOf(sumOf(counts, prefix, [4, 5]), answers);
  const mean = satisfied.tooFew ? null : CSAT_SCORES.reduce((sum, score, index) => sum + score * distribution[index]!, 0) / answers;
  return { answers, satisfied, mean, distribution };
};

/** NPS: promoters (9–10) minus detractors (0–6), in points from −100 to 100, with counts. */
interface NpsFigures {
  readonly answers: number;
  readonly promoters: number;
  readonly passives: number;
  readonly detractors: number;
  readonly score: number | null;
  readonly low: number | null;
  readonly high: number | null;
  readonly tooFew: boolean;
}

/**
 * NPS from a histogram, with a 95% interval from the variance of the difference of two shares of
 * one sample: Var = (p₊ + p₋ − (p₊ − p₋)²) / n, so NPS ± 1.96·√Var (in points, within ±100).
 *
 * @example
 * ```ts
 * npsFigures(new Map([['nps_10', 50], ['nps_8', 30], ['nps_3', 20]])).score; // 30
 * ```
 *
 * @internal exported for its tests only
 */
export const npsFigures = (counts: Counts, prefix = 'nps_'): NpsFigures => {
  const answers = sumOf(counts, prefix, NPS_SCORES);
  const promoters = sumOf(counts, prefix, [9, 10]);
  const detractors = sumOf(counts, prefix, range(0, 6));
  const passives = answers - promoters - detractors;
  if (answers < MINIMUM_SAMPLE) return { answers, promoters, passives, detractors, score: null, low: null, high: null, tooFew: true };
  const plus = promoters / answers;
  const minus = detractors / answers;
  const difference = plus - minus;
  const half = Z95 * Math.sqrt((plus + minus - difference * difference) / answers);
  return {
    answers,
    promoters,
    passives,
    detractors,
    score: 100 * difference,
    low: Math.max(-100, 100 * (difference - half)),
    high: Math.min(100, 100 * (difference + half)),
    tooFew: false,
  };
};

/** Of the invitations sent in a period: answered (a confirmed answer), reminded and bounced. */
interface ResponseRateFigures {
  readonly sent: number;
  readonly answered: Share;
  readonly reminded: Share;
  readonly bounced: Share;
}

/**
 * Response rate = answered / sent, with the reminded and bounced shares of the same invitations.
 *
 * @example
 * ```ts
 * responseRateFigures(new Map([['sent', 200], ['answered', 50]])).answered.value; // 0.25
 * ```
 *
 * @internal exported for its tests only
 */
export const responseRateFigures = (counts: Counts): ResponseRateFigures => {
  const sent = countOf(counts, 'sent');
  return {
    sent,
    answered: shareOf(countOf(counts, 'answered'), sent),
    reminded: shareOf(countOf(counts, 'reminded'), sent),
    bounced: shareOf(countOf(counts, 'bounced'), sent),
  };
};

/** Every survey figure of one set of counters; one-click scores not yet confirmed apart, never mixed in. */
export interface SurveyFigures {
  readonly csat: CsatFigures;
  readonly nps: NpsFigures;
  readonly responseRate: ResponseRateFigures;
  readonly unconfirmed: { readonly answers: number; readonly csat: CsatFigures; readonly nps: NpsFigures };
}

/**
 * The survey figures of summed counters.
 *
 * @example
 * ```ts
 * surveyFigures(counts).csat.satisfied; // { count, of, value, low, high, tooFew }
 * ```
 *
 * @internal exported for its tests only
 */
export const surveyFigures = (counts: Counts): SurveyFigures => ({
  csat: csatFigures(counts),
  nps: npsFigures(counts),
  responseRate: responseRateFigures(counts),
  unconfirmed: {
    answers: countOf(counts, 'unconfirmed_responses'),
    csat: csatFigures(counts, 'unconfirmed_csat_'),
    nps: npsFigures(counts, 'unconfirmed_nps_'),
  },
});

/** A duration quantile, told by the bound of its histogram bucket: within N minutes, or over the last bound. */
type DurationQuantile = { readonly withinMinutes: number } | { readonly overMinutes: number } | null;

/** How long something took, from a histogram of `<prefix><bound>` counts (bounds in minutes, then `inf`). */
interface DurationFigures {
  readonly count: number;
  readonly median: DurationQuantile;
  readonly p90: DurationQuantile;
}

/**
 * The median and 90th percentile of a duration histogram, each as the bound of the bucket where
 * the cumulative count first reaches half (90%) of the total: "acknowledged within 60 minutes".
 *
 * @example
 * ```ts
 * durationFigures(new Map([['ack_within_15', 6], ['ack_within_60', 3], ['ack_within_inf', 1]]), 'ack_within_', [5, 15, 30, 60]);
 * // { count: 10, median: { withinMinutes: 15 }, p90: { withinMinutes: 60 } }
 * ```
 *
 * @internal exported for its tests only
 */
export const durationFigures = (counts: Counts, prefix: string, bounds: readonly number[]): DurationFigures => {
  const buckets = [
    ...bounds.map((bound) => [bound, countOf(counts, `${prefix}${bound}`)] as const),
    [Number.POSITIVE_INFINITY, countOf(counts, `${prefix}inf`)] as const,
  ];
  const count = buckets.reduce((sum, [, n]) => sum + n, 0);
  const quantile = (q: number): DurationQuantile => {
    if (count === 0) return null;
    let cumulative = 0;
    for (const [bound, n] of buckets) {
      cumulative += n;
      if (cumulative >= q * count) return Number.isFinite(bound) ? { withinMinutes: bound } : { overMinutes: bounds.at(-1)! };
    }
    return null;
  };
  return { count, median: quantile(0.5), p90: quantile(0.9) };
};

/** Complaints accepted in the period, by where they stand now. */
export interface ComplaintFigures {
  readonly complaints: number;
  readonly received: number;
  readonly underReview: number;
  readonly resolved: number;
}

const complaintFigures = (counts: Counts): ComplaintFigures => ({
  complaints: countOf(counts, 'complaints'),
  received: countOf(counts, 'complaints_received'),
  underReview: countOf(counts, 'complaints_under_review'),
  resolved: countOf(counts, 'complaints_resolved'),
});

/** Escalations opened in the period: where they stand, the highest level reached, times, and the premium obligation. */
export interface EscalationFigures {
  readonly escalations: number;
  readonly byStatus: { readonly open: number; readonly claimed: number; readonly acknowledged: number; readonly resolved: number };
  /** Escalations by the highest level they reached (1 is the first supervisor). */
  readonly byLevel: readonly { readonly level: number; readonly escalations: number }[];
  readonly breached: number;
  readonly timeToAcknowledge: DurationFigures;
  readonly timeToResolve: DurationFigures;
  /** Of guaranteed (premium) escalations decided, acknowledged within the obligation: met / (met + missed). */
  readonly slaAttainment: Share;
}

const escalationFigures = (counts: Counts): EscalationFigures => {
  const levels = [...counts.keys()]
    .flatMap((field) => (/^escalations_level_(\d+)$/.exec(field) ? [Number(field.slice('escalations_level_'.length))] : []))
    .sort((a, b) => a - b);
  const met = countOf(counts, 'sla_met');
  return {
    escalations: countOf(counts, 'escalations'),
    byStatus: {
      open: countOf(counts, 'escalations_open'),
      claimed: countOf(counts, 'escalations_claimed'),
      acknowledged: countOf(counts, 'escalations_acknowledged'),
      resolved: countOf(counts, 'escalations_resolved'),
    },
    byLevel: levels.map((level) => ({ level, escalations: countOf(counts, `escalations_level_${level}`) })).filter(({ escalations }) => escalations !== 0),
    breached: countOf(counts, 'breached'),
    timeToAcknowledge: durationFigures(counts, 'ack_within_', DURATION_BUCKETS_MINUTES),
    timeToResolve: durationFigures(counts, 'resolve_within_', DURATION_BUCKETS_MINUTES),
    slaAttainment: shareOf(met, met + countOf(counts, 'sla_missed')),
  };
};

/** Help-site feedback: how many, the helpful share of those who said, ratings, comments. */
export interface FeedbackFigures {
  readonly feedback: number;
  readonly helpful: Share;
  readonly rating: { readonly ratings: number; readonly mean: number | null; readonly distribution: readonly number[] };
  readonly comments: number;
}

const feedbackFigures = (counts: Counts): FeedbackFigures => {
  const yes = countOf(counts, 'helpful_yes');
  const distribution = CSAT_SCORES.map((score) => countOf(counts, `rating_${score}`));
  const ratings = distribution.reduce((sum, n) => sum + n, 0);
  return {
    feedback: countOf(counts, 'feedback'),
    helpful: shareOf(yes, yes + countOf(counts, 'helpful_no')),
    rating: { ratings, mean: ratings < MINIMUM_SAMPLE ? null : distribution.reduce((sum, n, index) => sum + n * (index + 1), 0) / ratings, distribution },
    comments: countOf(counts, 'comments'),
  };
};

/** Every figure of one set of counters: the surveys', and the escalations', complaints' and help site's. */
export interface ReportFigures extends SurveyFigures {
  readonly escalations: EscalationFigures;
  readonly complaints: ComplaintFigures;
  readonly feedback: FeedbackFigures;
}

/**
 * The figures of summed counters.
 *
 * @example
 * ```ts
 * reportFigures(counts).escalations.slaAttainment; // { count, of, value, low, high, tooFew }
 * ```
 */
export const reportFigures = (counts: Counts): ReportFigures => ({
  ...surveyFigures(counts),
  escalations: escalationFigures(counts),
  complaints: complaintFigures(counts),
  feedback: feedbackFigures(counts),
});
