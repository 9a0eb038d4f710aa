import type { ReportSummary } from '../../../functions/reports/contracts/reports-api.ts';
import { type ConsoleMessages, format } from '../view/console-messages.ts';
import {
  ADMIN_GROUPS,
  defaultReportFilters,
  type ReportFilters,
  type ReportGroup,
  type ReportInterval,
  summaryPath,
  TEAM_GROUPS,
} from '../view/report-query.ts';
import { bucketLabel, dayText, npsText, shareText } from '../view/report-text.ts';
import { NPS_SCALE, SHARE_SCALE } from '../view/trend-chart.ts';
import { claimsOf } from './console-api.ts';
import { el } from './dom.ts';
import { barChart, lineChart } from './report-charts.ts';
import { downloadForm, forgetDownload } from './report-download.ts';
import { byId, callWithSession, type ErrorBody, formatLocale, reasonOf, sessionEnded, state, t } from './state.ts';

type Figures = ReportSummary['overall'];
type Notice = { kind: 'status' | 'alert'; text: (m: ConsoleMessages) => string };

const INTERVALS: readonly ReportInterval[] = ['day', 'week', 'month'];

/** The report view's own state: what was asked, what the API answered, and what the page says about it. */
let filters: ReportFilters | undefined;
let summary: ReportSummary | undefined;
/** The help-site view (admins): the same span grouped by article, least helpful first as the API orders them. */
let articles: ReportSummary | undefined;
let notice: Notice | undefined;
/** A newer load supersedes an older one still in flight: only the latest answer is shown. */
let loadNumber = 0;

const isAdmin = () => ((state.token ? claimsOf(state.token)['cognito:groups'] : undefined) ?? []).includes('admin');
const currentFilters = () => {
  filters ??= defaultReportFilters(new Date());
  return filters;
};

/** Forgets the reports of the session that ended. */
export function forgetReports(): void {
  filters = undefined;
  summary = undefined;
  articles = undefined;
  notice = undefined;
  forgetDownload();
}

/** Why a report was not shown, in the reader's words: a 403 says the API's reason, never a crash or a blank view. */
const refusalOf = (answer: { status: number; body: ErrorBody | undefined }): Notice => {
  const reason = reasonOf(answer.body);
  if (answer.status === 403) return { kind: 'alert', text: (m) => format(m.reportForbidden, { reason }) };
  if (answer.status === 400) return { kind: 'alert', text: (m) => format(m.reportInvalid, { reason }) };
  return { kind: 'alert', text: (m) => m.reportFailed };
};

/** Loads the summary for the filters (and, for an admin, the help-site view), then shows them. */
export async function loadReports(): Promise<void> {
  if (!state.token) return;
  const asked = currentFilters();
  const number = ++loadNumber;
  notice = { kind: 'status', text: (m) => m.reportLoading };
  renderReports();
  const [answer, articleAnswer] = await Promise.all([
    callWithSession<ReportSummary & ErrorBody>('GET', summaryPath(asked)),
    // Help-site feedback belongs to no team: an admin's, for every team.
    isAdmin() ? callWithSession<ReportSummary & ErrorBody>('GET', summaryPath({ ...asked, team: '' }, 'article')) : Promise.resolve(undefined),
  ]);
  if (number !== loadNumber) return;
  if (answer === undefined) {
    notice = { kind: 'alert', text: (m) => m.reportFailed };
  } else if (sessionEnded(answer)) {
    return;
  } else if (answer.status === 200) {
    summary = answer.body;
    notice = undefined;
  } else {
    summary = undefined;
    notice = refusalOf(answer);
  }
  articles = articleAnswer?.status === 200 ? articleAnswer.body : undefined;
  renderReports();
}

/** The report view, from its state: filters, headline figures, the four trend charts, the breakdown, the help-site view and the download. */
export function renderReports(): void {
  const section = byId('reports');
  if (!section || !state.token) return;
  const m = t();
  const locale = formatLocale();
  section.replaceChildren(
    el('h2', { id: 'reports-heading' }, m.reportsHeading),
    el('p', { class: 'hint' }, format(m.reportsIntro, { minimum: String(summary?.minimumSample ?? 20) })),
    filtersForm(m),
    el('p', { id: 'report-status', class: notice ? `message ${notice.kind}` : 'message', role: notice?.kind ?? 'status' }, notice?.text(m)),
    ...(summary === undefined ? [] : summaryParts(summary, m, locale)),
    ...(articles === undefined ? [] : [helpSiteView(articles, m, locale)]),
    downloadForm(m, currentFilters(), isAdmin(), renderReports),
  );
}

const field = (id: string, label: string, control: HTMLElement) => el('div', { class: 'field' }, el('label', { for: id }, label), control);
const options = (entries: readonly (readonly [string, string])[], chosen: string) =>
  entries.map(([value, text]) => el('option', { value, selected: value === chosen }, text));
/** A table that scrolls sideways in its own box on a narrow screen, rather than widening the page. */
const scrolling = (...table: Parameters<typeof el<'table'>>) => el('div', { class: 'scroll' }, el(...table));
const controlValue = (id: string) => byId<HTMLInputElement | HTMLSelectElement>(id)?.value ?? '';

function filtersForm(m: ConsoleMessages): HTMLElement {
  const asked = currentFilters();
  const groups: readonly ReportGroup[] = isAdmin() ? [...TEAM_GROUPS, ...ADMIN_GROUPS] : TEAM_GROUPS;
  const form = el(
    'form',
    { id: 'report-filters', class: 'filters', 'aria-label': m.reportFilters },
    field('report-from', m.reportFrom, el('input', { id: 'report-from', type: 'date', required: true, value: asked.from })),
    field('report-to', m.reportTo, el('input', { id: 'report-to', type: 'date', required: true, value: asked.to })),
    field(
      'report-interval',
      m.reportInterval,
      el(
        'select',
        { id: 'report-interval' },
        ...options(
          INTERVALS.map((interval) => [interval, m[`interval_${interval}`]] as const),
          asked.interval,
        ),
      ),
    ),
    field(
      'report-group-by',
      m.reportGroupBy,
      el(
        'select',
        { id: 'report-group-by' },
        ...options([['', m.reportNoBreakdown], ...groups.map((group) => [group, m[`group_${group}`]] as const)], asked.groupBy),
      ),
    ),
    isAdmin() ? field('report-team', m.reportTeam, el('input', { id: 'report-team', maxlength: '64', value: asked.team })) : undefined,
    el('button', { type: 'submit' }, m.showReport),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const interval = INTERVALS.find((known) => known === controlValue('report-interval')) ?? 'week';
    const groupBy = groups.find((known) => known === controlValue('report-group-by')) ?? '';
    filters = {
      from: controlValue('report-from'),
      to: controlValue('report-to'),
      interval,
      groupBy,
      team: isAdmin() ? controlValue('report-team').trim() : '',
    };
    void loadReports();
  });
  return form;
}

const csatBucket = (figures: Figures) => figures.csat.satisfied;
const npsBucket = (figures: Figures) => ({ value: figures.nps.score, low: figures.nps.low, high: figures.nps.high });

function summaryParts(report: ReportSummary, m: ConsoleMessages, locale: string): HTMLElement[] {
  const labels = report.trend.map((bucket) => bucketLabel(bucket.from, report.interval, locale));
  const text = (id: string, title: string, rows: readonly string[]) => ({
    id,
    title,
    labels,
    rows: rows.map((row, index) => ({ label: labels[index] ?? '', text: row })),
    locale,
    m,
  });
  const { overall } = report;
  const headline = (label: string, value: string, id: string) => el('div', { class: 'figure', id }, el('dt', {}, label), el('dd', {}, value));
  return [
    el(
      'p',
      { id: 'report-span' },
      format(m.reportOf, { team: report.team ?? m.reportEveryTeam, from: dayText(report.from, locale), to: dayText(report.to, locale) }),
    ),
    el(
      'dl',
      { class: 'headline-figures' },
      headline(m.reportCsat, shareText(overall.csat.satisfied, locale, m), 'overall-csat'),
      headline(m.reportNpsName, npsText(overall.nps, locale, m), 'overall-nps'),
      headline(m.reportResponseRate, shareText(overall.responseRate.answered, locale, m), 'overall-response-rate'),
      headline(m.reportVolume, new Intl.NumberFormat(locale).format(overall.csat.answers + overall.nps.answers), 'overall-volume'),
    ),
    overall.unconfirmed.answers > 0 ? el('p', { class: 'hint' }, format(m.reportUnconfirmed, { count: String(overall.unconfirmed.answers) })) : undefined,
    report.trend.length === 0
      ? el('p', {}, m.chartNoData)
      : el(
          'div',
          { class: 'charts' },
          lineChart(
            text(
              'chart-csat',
              m.chartCsat,
              report.trend.map((bucket) => shareText(bucket.csat.satisfied, locale, m)),
            ),
            report.trend.map(csatBucket),
            SHARE_SCALE,
            'share',
          ),
          lineChart(
            text(
              'chart-nps',
              m.chartNps,
              report.trend.map((bucket) => npsText(bucket.nps, locale, m)),
            ),
            report.trend.map(npsBucket),
            NPS_SCALE,
            'nps',
          ),
          lineChart(
            text(
              'chart-response-rate',
              m.chartResponseRate,
              report.trend.map((bucket) => shareText(bucket.responseRate.answered, locale, m)),
            ),
            report.trend.map((bucket) => bucket.responseRate.answered),
            SHARE_SCALE,
            'share',
          ),
          barChart(
            text(
              'chart-volume',
              m.chartVolume,
              report.trend.map((bucket) => new Intl.NumberFormat(locale).format(bucket.csat.answers + bucket.nps.answers)),
            ),
            report.trend.map((bucket) => bucket.csat.answers + bucket.nps.answers),
          ),
        ),
    breakdown(report, m, locale),
  ].filter((part): part is HTMLElement => part !== undefined);
}

function breakdown(report: ReportSummary, m: ConsoleMessages, locale: string): HTMLElement {
  const { groupBy, groups } = report;
  if (groupBy === undefined || groups === undefined) return el('section', { id: 'report-breakdown' }, el('p', { class: 'hint' }, m.breakdownHint));
  const count = (value: number) => new Intl.NumberFormat(locale).format(value);
  // The answer's groupBy is data from outside: named through a known list, never used as a key as it came.
  const known = [...TEAM_GROUPS, ...ADMIN_GROUPS].find((group) => group === groupBy);
  const dimension = known === undefined ? groupBy : m[`group_${known}`];
  return el(
    'section',
    { id: 'report-breakdown', 'aria-labelledby': 'breakdown-heading' },
    el('h3', { id: 'breakdown-heading' }, format(m.breakdownHeading, { dimension })),
    groups.length === 0
      ? el('p', {}, m.breakdownEmpty)
      : scrolling(
          'table',
          { class: 'breakdown' },
          el(
            'thead',
            {},
            el(
              'tr',
              {},
              ...[dimension, m.columnAnswers, m.reportCsat, m.reportNpsName, m.reportResponseRate, m.columnEscalations].map((name) =>
                el('th', { scope: 'col' }, name),
              ),
            ),
          ),
          el(
            'tbody',
            {},
            ...groups.map((group) =>
              el(
                'tr',
                { 'data-value': group.value, class: group.csat.satisfied.tooFew ? 'too-few' : undefined },
                el('th', { scope: 'row' }, group.value),
                el('td', {}, count(group.csat.answers + group.nps.answers)),
                el('td', {}, shareText(group.csat.satisfied, locale, m)),
                el('td', {}, npsText(group.nps, locale, m)),
                el('td', {}, shareText(group.responseRate.answered, locale, m)),
                el('td', {}, count(group.escalations.escalations)),
              ),
            ),
          ),
        ),
  );
}

function helpSiteView(report: ReportSummary, m: ConsoleMessages, locale: string): HTMLElement {
  const count = (value: number) => new Intl.NumberFormat(locale).format(value);
  const rows = (report.groups ?? []).flatMap((group) => (group.feedback === undefined ? [] : [{ article: group.value, feedback: group.feedback }]));
  return el(
    'section',
    { id: 'help-site', 'aria-labelledby': 'help-site-heading' },
    el('h3', { id: 'help-site-heading' }, m.helpSiteHeading),
    el('p', { class: 'hint' }, m.helpSiteIntro),
    rows.length === 0
      ? el('p', {}, m.helpSiteEmpty)
      : scrolling(
          'table',
          { class: 'breakdown' },
          el(
            'thead',
            {},
            el('tr', {}, ...[m.group_article, m.columnFeedback, m.columnHelpful, m.columnComments].map((name) => el('th', { scope: 'col' }, name))),
          ),
          el(
            'tbody',
            {},
            ...rows.map(({ article, feedback }) =>
              el(
                'tr',
                { 'data-value': article, class: feedback.helpful.tooFew ? 'too-few' : undefined },
                el('th', { scope: 'row' }, article),
                el('td', {}, count(feedback.feedback)),
                el('td', {}, shareText(feedback.helpful, locale, m)),
                el('td', {}, count(feedback.comments)),
              ),
            ),
          ),
        ),
  );
}
