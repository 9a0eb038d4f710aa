import { describe, expect, it } from 'vitest';
import {
  barChartGeometry,
  CHART_FRAME,
  countScale,
  lineChartGeometry,
  NPS_SCALE,
  SHARE_SCALE,
  type TrendBucket,
} from '../../../web/console/view/trend-chart.ts';

const known = (value: number, low = value - 0.1, high = value + 0.1): TrendBucket => ({ value, low, high });
const withheld: TrendBucket = { value: null, low: null, high: null };
const plotBottom = CHART_FRAME.height - CHART_FRAME.bottom;
const plotTop = CHART_FRAME.top;

/** The points of an SVG path, as [x, y] pairs. */
const pointsOf = (d: string) => [...d.matchAll(/[ML]([\d.-]+) ([\d.-]+)/g)].map(([, x, y]) => [Number(x), Number(y)]);

describe('lineChartGeometry', () => {
  it('draws one line, one band and a point per bucket when every bucket has a value', () => {
    const geometry = lineChartGeometry([known(0.5), known(0.6), known(0.7)], SHARE_SCALE);
    expect(geometry.lines).toHaveLength(1);
    expect(geometry.bands).toHaveLength(1);
    expect(geometry.points.map((point) => point.index)).toEqual([0, 1, 2]);
    expect(geometry.gaps).toEqual([]);
  });

  it('breaks the line and the band at a bucket with too few answers, and marks it as a gap', () => {
    const geometry = lineChartGeometry([known(0.5), known(0.6), withheld, known(0.7), known(0.8)], SHARE_SCALE);
    expect(geometry.lines).toHaveLength(2);
    expect(geometry.bands).toHaveLength(2);
    expect(geometry.gaps.map((gap) => gap.index)).toEqual([2]);
    expect(geometry.points.map((point) => point.index)).toEqual([0, 1, 3, 4]);
    // No line crosses the gap: the first run ends before it, the second starts after it.
    const gapX = geometry.gaps[0]!.x;
    expect(Math.max(...pointsOf(geometry.lines[0]!).map(([x]) => x!))).toBeLessThan(gapX);
    expect(Math.min(...pointsOf(geometry.lines[1]!).map(([x]) => x!))).toBeGreaterThan(gapX);
  });

  it('gives a lone bucket between gaps a point and a narrow band of its own, but no line', () => {
    const geometry = lineChartGeometry([withheld, known(0.5, 0.3, 0.7), withheld], SHARE_SCALE);
    expect(geometry.lines).toEqual([]);
    expect(geometry.bands).toHaveLength(1);
    expect(geometry.points).toHaveLength(1);
    const ys = pointsOf(geometry.bands[0]!).map(([, y]) => y!);
    expect(new Set(ys).size).toBe(2);
  });

  it('draws nothing but gaps when every bucket has too few answers', () => {
    const geometry = lineChartGeometry([withheld, withheld], SHARE_SCALE);
    expect(geometry).toMatchObject({ lines: [], bands: [], points: [] });
    expect(geometry.gaps).toHaveLength(2);
  });

  it('places the band from the low to the high of each bucket, around its value', () => {
    const geometry = lineChartGeometry([known(0.5, 0.25, 0.75), known(0.5, 0.25, 0.75)], SHARE_SCALE);
    const band = pointsOf(geometry.bands[0]!);
    const height = plotBottom - plotTop;
    // Along the lows, then back along the highs: 25% and 75% of the plot's height above its bottom.
    expect(band.map(([, y]) => y)).toEqual([plotBottom - height / 4, plotBottom - height / 4, plotBottom - (3 * height) / 4, plotBottom - (3 * height) / 4]);
    expect(geometry.points.every((point) => point.y === plotBottom - height / 2)).toBe(true);
    expect(geometry.bands[0]).toMatch(/ Z$/);
  });

  it('puts an NPS of 0 in the middle of its axis and keeps values within it', () => {
    const geometry = lineChartGeometry([{ value: 0, low: -150, high: 150 }], NPS_SCALE);
    expect(geometry.points[0]!.y).toBe((plotBottom + plotTop) / 2);
    expect(pointsOf(geometry.bands[0]!).map(([, y]) => y)).toEqual([plotBottom, plotBottom, plotTop, plotTop]);
    expect(geometry.yTicks.map((tick) => tick.value)).toEqual([-100, -50, 0, 50, 100]);
  });

  it('spaces buckets evenly within the frame, left to right', () => {
    const geometry = lineChartGeometry([known(0.1), known(0.2), known(0.3), known(0.4)], SHARE_SCALE);
    const xs = geometry.points.map((point) => point.x);
    expect(xs[0]).toBeGreaterThan(CHART_FRAME.left);
    expect(xs[3]).toBeLessThan(CHART_FRAME.width - CHART_FRAME.right);
    expect(xs[1]! - xs[0]!).toBeCloseTo(xs[3]! - xs[2]!, 0);
  });

  it.each([
    [12, 12],
    [13, 7],
    [53, 11],
    [120, 12],
  ])('labels at most about 12 of %i buckets (%i labels), starting with the first', (count, labels) => {
    const geometry = lineChartGeometry(
      Array.from({ length: count }, () => known(0.5)),
      SHARE_SCALE,
    );
    expect(geometry.xTicks).toHaveLength(labels);
    expect(geometry.xTicks[0]!.index).toBe(0);
  });
});

describe('countScale', () => {
  it.each([
    [0, 4, [0, 1, 2, 3, 4]],
    [3, 4, [0, 1, 2, 3, 4]],
    [37, 40, [0, 10, 20, 30, 40]],
    [41, 80, [0, 20, 40, 60, 80]],
    [1234, 2000, [0, 500, 1000, 1500, 2000]],
  ])('reaches at least %i with round ticks (max %i)', (largest, max, ticks) => {
    const scale = countScale(largest);
    expect(scale.max).toBe(max);
    expect(scale.ticks).toEqual(ticks);
  });
});

describe('barChartGeometry', () => {
  it('draws a bar per bucket from the axis up to its count, an empty bucket as a bar of height 0', () => {
    const geometry = barChartGeometry([10, 40, 0]);
    expect(geometry.bars).toHaveLength(3);
    expect(geometry.bars[2]!.height).toBe(0);
    expect(geometry.bars[1]!.y).toBe(plotTop);
    expect(geometry.bars[0]!.height).toBeCloseTo((plotBottom - plotTop) / 4, 0);
    expect(geometry.bars.every((bar) => bar.y + bar.height === geometry.baseline)).toBe(true);
  });

  it('centres bars where the line charts put the same bucket', () => {
    const bars = barChartGeometry([1, 2, 3]).bars;
    const points = lineChartGeometry([known(0.1), known(0.2), known(0.3)], SHARE_SCALE).points;
    expect(bars.map((bar) => Math.round(bar.x + bar.width / 2))).toEqual(points.map((point) => Math.round(point.x)));
  });
});
