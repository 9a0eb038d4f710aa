import type { ExportKind } from './export-rows.ts';
import type { ReportScope } from './summarize-reports.ts';

/** One gsi1 partition an export reads, between two sort-key bounds, and the team its rows must have. */
export interface ExportPartition {
  readonly partition: string;
  readonly from: string;
  readonly to: string;
  /** Rows of other teams are left out (responses share one partition a month across teams). */
  readonly team?: string | undefined;
}

const ESCALATION_STATUSES = ['open', 'claimed', 'acknowledged', 'resolved'] as const;

// Every calendar month a span of days touches, as `yyyy-mm`.
const monthsOf = (from: string, to: string): string[] => {
  const months: string[] = [];
  for (let month = from.slice(0, 7); month <= to.slice(0, 7); ) {
    months.push(month);
    const [year, number] = month.split('-').map(Number) as [number, number];
    month = number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`;
  }
  return months;
};

/**
 * The gsi1 partitions an export of `kind` reads, in order, for whole UTC days `from` to `to`
 * (both included) and a scope: complaints and responses one partition a month (responses of a team
 * filtered to it), feedback one a kind and month, escalations one a team and status (sorted by
 * creation within it). Computed here, never read from a cursor, so no cursor can reach a partition
 * its caller may not read.
 *
 * @example
 * ```ts
 * exportPartitionsOf('complaints', '2026-11-20', '2026-12-05', { kind: 'all' }, []);
 * // [{ partition: 'COMPLAINTS#2026-11', from: '2026-11-20', to: '2026-12-05~' }, { partition: 'COMPLAINTS#2026-12', … }]
 * ```
 */
export const exportPartitionsOf = (kind: ExportKind, from: string, to: string, scope: ReportScope, teams: readonly string[]): readonly ExportPartition[] => {
  // Sort keys start with the instant: everything of the last day sorts before `~`.
  const bounds = { from, to: `${to}~` };
  const team = scope.kind === 'team' ? scope.team : undefined;
  switch (kind) {
    case 'complaints':
      return monthsOf(from, to).map((month) => ({ partition: `COMPLAINTS#${month}`, ...bounds }));
    case 'feedback':
      return (['site', 'article'] as const).flatMap((feedbackKind) =>
        monthsOf(from, to).map((month) => ({ partition: `FEEDBACK#${feedbackKind}#${month}`, ...bounds })),
      );
    case 'responses':
      return monthsOf(from, to).map((month) => ({ partition: `RESPONSES#${month}`, ...bounds, team }));
    case 'escalations':
      return (team === undefined ? teams : [team]).flatMap((name) =>
        ESCALATION_STATUSES.map((status) => ({ partition: `ESCALATIONS#${name}#${status}`, ...bounds })),
      );
  }
};
