// The report charts are hand-written SVG rather than a charting library: none of the small ones
// draws a 95% interval band or a withheld bucket out of the box, and these four charts add a few
// kilobytes to the console's bundle where a library adds tens (docs/console.md, its budget).

/** One bucket of a trend as a chart draws it: a value with its 95% interval, or withheld (`null`, too few answers). */
export interface TrendBucket {
  readonly value: number | null;
  readonly low: number | null;
  readonly high: number | null;
}

/** The value axis: its range and the values that get a grid line and a label. */
export interface ChartScale {
  readonly min: number;
  readonly max: number;
  readonly ticks: readonly number[];
}

/** The drawing area inside the SVG's view box: margins leave room for the axis labels. */
export interface ChartFrame {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

export const CHART_FRAME: ChartFrame = { width: 640, height: 220, left: 48, right: 56, top: 12, bottom: 36 };

/** A share's axis (0–100%) and the NPS axis (−100 to 100). */
export const SHARE_SCALE: ChartScale = { min: 0, max: 1, ticks: [0, 0.25, 0.5, 0.75, 1] };
export const NPS_SCALE: ChartScale = { min: -100, max: 100, ticks: [-100, -50, 0, 50, 100] };

export interface LineChartGeometry {
  /** An SVG path (`d`) per run of consecutive buckets that have a value: a withheld bucket breaks the line. */
  readonly lines: readonly string[];
  /** A closed path per run, along the lows and back along the highs: the 95% interval. */
  readonly bands: readonly string[];
  readonly points: readonly { readonly index: number; readonly x: number; readonly y: number }[];
  /** The withheld buckets, drawn as a marker on the axis and named in the chart's note. */
  readonly gaps: readonly { readonly index: number; readonly x: number }[];
  readonly yTicks: readonly { readonly value: number; readonly y: number }[];
  /** The buckets whose label is shown under the axis: all of them, or every n-th when they would crowd. */
  readonly xTicks: readonly { readonly index: number; readonly x: number }[];
  /** The y of the axis line (the scale's minimum). */
  readonly baseline: number;
}

const round = (value: number) => Math.round(value * 10) / 10;

/** Where bucket `index` of `count` sits: evenly spaced, each in the middle of its slot (so bars and lines share positions). */
const xOf = (frame: ChartFrame, count: number, index: number) => round(frame.left + ((index + 0.5) * (frame.width - frame.left - frame.right)) / count);

const yOf = (frame: ChartFrame, scale: ChartScale, value: number) => {
  const clamped = Math.min(scale.max, Math.max(scale.min, value));
  return round(frame.height - frame.bottom - ((clamped - scale.min) / (scale.max - scale.min)) * (frame.height - frame.top - frame.bottom));
};

/** At most about 12 labels under the axis: a year by week would otherwise print 53 dates on one line. */
const MAX_X_LABELS = 12;

const xTicksOf = (frame: ChartFrame, count: number) => {
  const step = Math.max(1, Math.ceil(count / MAX_X_LABELS));
  return Array.from({ length: count }, (_, index) => index)
    .filter((index) => index % step === 0)
    .map((index) => ({ index, x: xOf(frame, count, index) }));
};

/** Consecutive runs of the buckets that have a value (and an interval). */
const runsOf = (buckets: readonly TrendBucket[]): number[][] => {
  const runs: number[][] = [];
  let current: number[] = [];
  buckets.forEach((bucket, index) => {
    if (bucket.value === null) {
      if (current.length > 0) runs.push(current);
      current = [];
    } else current.push(index);
  });
  if (current.length > 0) runs.push(current);
  return runs;
};

/**
 * Where a trend's line, interval band, points and gaps go in the chart's view box. A bucket with
 * too few answers has no value: the line and band stop there and a gap marks it, rather than a
 * line drawn across it as if the value were known. A run of one bucket gets a narrow band of its own.
 *
 * @example
 * ```ts
 * lineChartGeometry([{ value: 0.8, low: 0.7, high: 0.9 }, { value: null, low: null, high: null }], SHARE_SCALE);
 * // { lines: ['M…'], bands: ['M… Z'], points: [{ index: 0, … }], gaps: [{ index: 1, … }], … }
 * ```
 */
export const lineChartGeometry = (buckets: readonly TrendBucket[], scale: ChartScale, frame: ChartFrame = CHART_FRAME): LineChartGeometry => {
  const count = buckets.length;
  const x = (index: number) => xOf(frame, count, index);
  const y = (value: number) => yOf(frame, scale, value);
  const halfSlot = (frame.width - frame.left - frame.right) / Math.max(1, count) / 2;
  const runs = runsOf(buckets);
  const lines = runs
    .filter((run) => run.length > 1)
    .map((run) => run.map((index, at) => `${at === 0 ? 'M' : 'L'}${x(index)} ${y(buckets[index]!.value!)}`).join(' '));
  const bands = runs.map((run) => {
    const lowOf = (index: number) => y(buckets[index]!.low ?? buckets[index]!.value!);
    const highOf = (index: number) => y(buckets[index]!.high ?? buckets[index]!.value!);
    if (run.length === 1) {
      const [index] = run as [number];
      const [from, to] = [round(x(index) - halfSlot * 0.4), round(x(index) + halfSlot * 0.4)];
      return `M${from} ${lowOf(index)} L${to} ${lowOf(index)} L${to} ${highOf(index)} L${from} ${highOf(index)} Z`;
    }
    const along = run.map((index, at) => `${at === 0 ? 'M' : 'L'}${x(index)} ${lowOf(index)}`);
    const back = [...run].reverse().map((index) => `L${x(index)} ${highOf(index)}`);
    return `${[...along, ...back].join(' ')} Z`;
  });
  return {
    lines,
    bands,
    points: runs.flat().map((index) => ({ index, x: x(index), y: y(buckets[index]!.value!) })),
    gaps: buckets.flatMap((bucket, index) => (bucket.value === null ? [{ index, x: x(index) }] : [])),
    yTicks: scale.ticks.map((value) => ({ value, y: y(value) })),
    xTicks: xTicksOf(frame, count),
    baseline: y(scale.min),
  };
};

/**
 * A count axis from 0 to a round number (1, 2 or 5 times a power of ten) at or above `largest`,
 * with five ticks, so the volume chart's grid lines fall on whole numbers people read at a glance.
 *
 * @example
 * ```ts
 * countScale(37); // { min: 0, max: 40, ticks: [0, 10, 20, 30, 40] }
 * ```
 *
 * @internal exported for its tests only
 */
export const countScale = (largest: number): ChartScale => {
  if (largest <= 0) return { min: 0, max: 4, ticks: [0, 1, 2, 3, 4] };
  const magnitude = 10 ** Math.floor(Math.log10(largest / 4));
  const step = [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate * 4 >= largest) ?? 10 * magnitude;
  return { min: 0, max: step * 4, ticks: [0, 1, 2, 3, 4].map((tick) => tick * step) };
};

export interface BarChartGeometry {
  readonly bars: readonly { readonly index: number; readonly x: number; readonly y: number; readonly width: number; readonly height: number }[];
  readonly yTicks: readonly { readonly value: number; readonly y: number }[];
  readonly xTicks: readonly { readonly index: number; readonly x: number }[];
  readonly baseline: number;
}

/**
 * Bars for counts per bucket (the volume of answers), centred where the line charts put the same bucket.
 *
 * @example
 * ```ts
 * barChartGeometry([12, 30, 0]).bars.length; // 3 (an empty bucket is a bar of height 0)
 * ```
 */
export const barChartGeometry = (counts: readonly number[], frame: ChartFrame = CHART_FRAME): BarChartGeometry => {
  const scale = countScale(Math.max(0, ...counts));
  const width = round(((frame.width - frame.left - frame.right) / Math.max(1, counts.length)) * 0.6);
  const baseline = yOf(frame, scale, 0);
  return {
    bars: counts.map((count, index) => {
      const top = yOf(frame, scale, count);
      return { index, x: round(xOf(frame, counts.length, index) - width / 2), y: top, width, height: round(baseline - top) };
    }),
    yTicks: scale.ticks.map((value) => ({ value, y: yOf(frame, scale, value) })),
    xTicks: xTicksOf(frame, counts.length),
    baseline,
  };
};
