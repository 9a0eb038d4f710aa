import type { EXPORT_KINDS, ReportSummaryQuery as SummaryQuery } from '../../../functions/reports/contracts/reports-api.ts';

export type ReportInterval = SummaryQuery['interval'];
export type ReportGroup = NonNullable<SummaryQuery['groupBy']>;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** What the report view asks for: whole UTC days, both included, and the optional breakdown and team. */
export interface ReportFilters {
  readonly from: string;
  readonly to: string;
  readonly interval: ReportInterval;
  readonly groupBy: ReportGroup | '';
  /** An admin's narrowing to one team; empty for every team (a supervisor's reports are their team's anyway). */
  readonly team: string;
}

/** The breakdowns of survey answers anyone may choose; `severity` counts escalations, which a team has too. */
export const TEAM_GROUPS = ['team', 'product', 'agent', 'region', 'tier', 'language', 'surveyKind', 'severity'] as const satisfies readonly ReportGroup[];
/** Complaints and help-site feedback belong to no team: the API answers 403 to anyone but an admin. */
export const ADMIN_GROUPS = ['category', 'feedbackKind', 'article', 'page'] as const satisfies readonly ReportGroup[];
/** Responses and escalations are a team's; complaints and feedback an admin's. */
export const TEAM_EXPORTS = ['responses', 'escalations'] as const satisfies readonly ExportKind[];
export const ADMIN_EXPORTS = ['complaints', 'feedback'] as const satisfies readonly ExportKind[];

const DAY_MS = 86_400_000;
const dayOf = (instant: number) => new Date(instant).toISOString().slice(0, 10);

/**
 * The span a report opens with: the last 13 weeks (a quarter) ending today, in UTC as the API counts days.
 *
 * @example
 * ```ts
 * defaultReportFilters(new Date('2026-11-30T12:00:00Z')); // { from: '2026-09-01', to: '2026-11-30', interval: 'week', … }
 * ```
 */
export const defaultReportFilters = (now: Date): ReportFilters => ({
  from: dayOf(now.getTime() - (13 * 7 - 1) * DAY_MS),
  to: dayOf(now.getTime()),
  interval: 'week',
  groupBy: '',
  team: '',
});

const queryOf = (entries: readonly (readonly [string, string])[]) =>
  new URLSearchParams(entries.filter(([, value]) => value !== '').map(([name, value]): [string, string] => [name, value])).toString();

/**
 * `GET /reports/summary`'s path for the filters; an empty breakdown or team is left out.
 *
 * @example
 * ```ts
 * summaryPath({ from: '2026-09-01', to: '2026-11-30', interval: 'week', groupBy: 'agent', team: '' });
 * // '/reports/summary?from=2026-09-01&to=2026-11-30&interval=week&groupBy=agent'
 * ```
 */
export const summaryPath = (filters: ReportFilters, groupBy: ReportGroup | '' = filters.groupBy): string =>
  `/reports/summary?${queryOf([
    ['from', filters.from],
    ['to', filters.to],
    ['interval', filters.interval],
    ['groupBy', groupBy],
    ['team', filters.team],
  ])}`;

/** `GET /reports/export.csv`'s first page for the filters (complaints and feedback belong to no team: no `team`). */
export const exportPath = (filters: ReportFilters, kind: ExportKind): string =>
  `/reports/export.csv?${queryOf([
    ['from', filters.from],
    ['to', filters.to],
    ['kind', kind],
    ['team', kind === 'responses' || kind === 'escalations' ? filters.team : ''],
  ])}`;
