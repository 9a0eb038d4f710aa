import { type ConsoleMessages, format } from '../view/console-messages.ts';
import { axisText } from '../view/report-text.ts';
import { barChartGeometry, CHART_FRAME, type ChartScale, lineChartGeometry, type TrendBucket } from '../view/trend-chart.ts';
import { el } from './dom.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element with attributes and children; text children become text nodes (never markup). */
const svg = (tag: string, attributes: Readonly<Record<string, string | number>>, ...children: readonly (Node | string)[]): SVGElement => {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  element.append(...children);
  return element;
};

/** One row of a chart's table: the bucket's label, its value in words, and the value drawn (null: withheld). */
interface ChartRow {
  readonly label: string;
  readonly text: string;
}

interface ChartText {
  readonly id: string;
  readonly title: string;
  readonly labels: readonly string[];
  /** The figure of each bucket in words (value, interval and sample, or too few), for the table and the gap note. */
  readonly rows: readonly ChartRow[];
  readonly locale: string;
  readonly m: ConsoleMessages;
}

const axes = (
  yTicks: readonly { value: number; y: number }[],
  xTicks: readonly { index: number; x: number }[],
  kind: 'share' | 'nps' | 'count',
  text: ChartText,
) => [
  ...yTicks.map(({ value, y }) =>
    svg(
      'g',
      { class: 'tick' },
      svg('line', { x1: CHART_FRAME.left, x2: CHART_FRAME.width - CHART_FRAME.right, y1: y, y2: y, class: 'grid' }),
      svg('text', { x: CHART_FRAME.left - 6, y: y + 4, 'text-anchor': 'end' }, axisText(value, kind, text.locale)),
    ),
  ),
  ...xTicks.map(({ index, x }) =>
    svg('text', { x, y: CHART_FRAME.height - CHART_FRAME.bottom + 18, 'text-anchor': 'middle', class: 'x-label' }, text.labels[index] ?? ''),
  ),
];

const figure = (text: ChartText, chart: SVGElement, key: string, note: string | undefined, counts: Readonly<Record<string, string>>) =>
  el(
    'figure',
    { class: 'chart', id: text.id, ...counts },
    el('figcaption', { id: `${text.id}-title` }, text.title),
    chart,
    el('p', { class: 'chart-key' }, key),
    note === undefined ? undefined : el('p', { class: 'chart-note', id: `${text.id}-note` }, note),
    el(
      'details',
      {},
      el('summary', {}, text.m.chartTable),
      el(
        'div',
        { class: 'scroll' },
        el(
          'table',
          { class: 'chart-table' },
          el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, text.m.chartPeriod), el('th', { scope: 'col' }, text.m.chartValue))),
          el('tbody', {}, ...text.rows.map((row) => el('tr', {}, el('th', { scope: 'row' }, row.label), el('td', {}, row.text)))),
        ),
      ),
    ),
  );

const svgRoot = (text: ChartText, hasNote: boolean, ...children: SVGElement[]) =>
  svg(
    'svg',
    {
      viewBox: `0 0 ${CHART_FRAME.width} ${CHART_FRAME.height}`,
      role: 'img',
      'aria-labelledby': hasNote ? `${text.id}-title ${text.id}-note` : `${text.id}-title`,
      class: 'trend-chart',
    },
    svg('title', {}, text.title),
    ...children,
  );

/**
 * A trend with its 95% interval: a shaded band (outlined, so it reads in greyscale too), the value
 * as a line with a dot per bucket, the last value labelled at the line's end, and a × on the axis
 * for each bucket with too few answers, which the note under the chart names.
 */
export function lineChart(text: ChartText, buckets: readonly TrendBucket[], scale: ChartScale, kind: 'share' | 'nps'): HTMLElement {
  const geometry = lineChartGeometry(buckets, scale);
  const last = geometry.points.at(-1);
  const lastValue = last === undefined ? undefined : buckets[last.index]?.value;
  const gapLabels = geometry.gaps.map(({ index }) => text.labels[index] ?? '');
  const note = gapLabels.length === 0 ? undefined : format(text.m.chartGaps, { periods: gapLabels.join(text.m.listSeparator) });
  const chart = svgRoot(
    text,
    note !== undefined,
    ...axes(geometry.yTicks, geometry.xTicks, kind, text),
    ...geometry.bands.map((d) => svg('path', { d, class: 'band' })),
    ...geometry.lines.map((d) => svg('path', { d, class: 'line' })),
    ...geometry.points.map(({ x, y, index }) =>
      svg('circle', { cx: x, cy: y, r: 3.5, class: 'point' }, svg('title', {}, `${text.labels[index] ?? ''}: ${text.rows[index]?.text ?? ''}`)),
    ),
    ...geometry.gaps.map(({ x, index }) =>
      svg(
        'g',
        { class: 'gap' },
        svg('line', { x1: x, x2: x, y1: CHART_FRAME.top, y2: geometry.baseline, class: 'gap-line' }),
        svg('text', { x, y: geometry.baseline - 4, 'text-anchor': 'middle', class: 'gap-mark' }, '×'),
        svg('title', {}, `${text.labels[index] ?? ''}: ${text.rows[index]?.text ?? ''}`),
      ),
    ),
    ...(last === undefined || lastValue === undefined || lastValue === null
      ? []
      : [svg('text', { x: last.x + 8, y: last.y + 4, class: 'direct-label' }, axisText(lastValue, kind, text.locale))]),
  );
  return figure(text, chart, text.m.chartKey, note, {
    'data-points': String(geometry.points.length),
    'data-bands': String(geometry.bands.length),
    'data-gaps': String(geometry.gaps.length),
  });
}

/** Counts per bucket as bars, each bar's count written above it (no colour or axis reading needed). */
export function barChart(text: ChartText, counts: readonly number[]): HTMLElement {
  const geometry = barChartGeometry(counts);
  const chart = svgRoot(
    text,
    false,
    ...axes(geometry.yTicks, geometry.xTicks, 'count', text),
    ...geometry.bars.map(({ x, y, width, height, index }) =>
      svg(
        'g',
        { class: 'bar' },
        svg('rect', { x, y, width, height }),
        counts.length <= 26
          ? svg('text', { x: x + width / 2, y: y - 3, 'text-anchor': 'middle', class: 'bar-label' }, axisText(counts[index] ?? 0, 'count', text.locale))
          : '',
        svg('title', {}, `${text.labels[index] ?? ''}: ${text.rows[index]?.text ?? ''}`),
      ),
    ),
  );
  return figure(text, chart, text.m.chartBarsKey, undefined, { 'data-bars': String(geometry.bars.length) });
}
