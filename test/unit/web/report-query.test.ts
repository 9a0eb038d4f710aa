import { describe, expect, it } from 'vitest';
import { reportExportQuerySchema, reportSummaryQuerySchema } from '../../../functions/reports/contracts/reports-api.ts';
import { ADMIN_GROUPS, defaultReportFilters, exportPath, summaryPath, TEAM_GROUPS } from '../../../web/console/view/report-query.ts';

const queryOf = (path: string) => Object.fromEntries(new URL(path, 'https://console.example').searchParams);

describe('defaultReportFilters', () => {
  it.each([
    ['2026-11-30T12:00:00Z', '2026-09-01', '2026-11-30'],
    ['2026-11-30T23:59:59Z', '2026-09-01', '2026-11-30'],
    ['2027-03-01T00:00:00Z', '2026-12-01', '2027-03-01'],
  ])('at %s spans the 13 weeks from %s to %s, both included, by week', (now, from, to) => {
    expect(defaultReportFilters(new Date(now))).toEqual({ from, to, interval: 'week', groupBy: '', team: '' });
  });
});

describe('summaryPath and exportPath', () => {
  const filters = { from: '2026-09-01', to: '2026-11-30', interval: 'month' as const, groupBy: 'agent' as const, team: 'japan support' };

  it('ask for what the API accepts, leaving out an empty breakdown or team', () => {
    expect(reportSummaryQuerySchema.safeParse(queryOf(summaryPath(filters))).success).toBe(true);
    expect(queryOf(summaryPath(filters))).toEqual({ from: '2026-09-01', to: '2026-11-30', interval: 'month', groupBy: 'agent', team: 'japan support' });
    expect(queryOf(summaryPath({ ...filters, groupBy: '', team: '' }))).toEqual({ from: '2026-09-01', to: '2026-11-30', interval: 'month' });
    expect(queryOf(summaryPath(filters, 'article'))).toMatchObject({ groupBy: 'article' });
  });

  it('name a team for responses and escalations, never for complaints or feedback (they have none)', () => {
    expect(reportExportQuerySchema.safeParse(queryOf(exportPath(filters, 'responses'))).success).toBe(true);
    expect(queryOf(exportPath(filters, 'escalations'))).toEqual({ from: '2026-09-01', to: '2026-11-30', kind: 'escalations', team: 'japan support' });
    expect(queryOf(exportPath(filters, 'feedback'))).toEqual({ from: '2026-09-01', to: '2026-11-30', kind: 'feedback' });
  });

  it('offer every breakdown the API knows, the ones of no team to admins only', () => {
    const { options } = reportSummaryQuerySchema.shape.groupBy.def.innerType as unknown as { options: string[] };
    expect(new Set([...TEAM_GROUPS, ...ADMIN_GROUPS])).toEqual(new Set(options));
    expect(ADMIN_GROUPS).toEqual(['category', 'feedbackKind', 'article', 'page']);
  });
});
