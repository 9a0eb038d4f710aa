import { describe, expect, it } from 'vitest';
import { addTally, type CounterCell, changeOf, type Dimension } from '../../../../functions/reports/core/counter-tally.ts';
import type { Period } from '../../../../functions/reports/core/report-periods.ts';
import { type CounterReader, type CountsByValue, summarizeReports } from '../../../../functions/reports/core/summarize-reports.ts';
import { reportSummarySchema } from '../../../../functions/reports/contracts/reports-api.ts';

let next = 0;
const answer = (day: string, csat: number, reportedAs: Record<string, string>) => ({
  pk: `INVITATION#i-${++next}`,
  sk: 'RESPONSE',
  responseId: `r-${next}`,
  invitationId: `i-${next}`,
  status: 'confirmed',
  source: 'page',
  answer: { csat },
  firstAnsweredAt: `${day}T09:00:00.000Z`,
  updatedAt: `${day}T09:00:00.000Z`,
  reportedAs,
});

/** The counters, summed as the table's shards are, and every read recorded. */
const countersOf = (items: readonly Record<string, unknown>[]) => {
  const tally = new Map<string, { cell: CounterCell; fields: Map<string, number> }>();
  for (const item of items) addTally(tally, changeOf(undefined, item), 1);
  const reads: string[] = [];
  const reader: CounterReader = {
    readCounts: async (period: Period, dimension: Dimension, team?: string): Promise<CountsByValue> => {
      reads.push(`${period.key} ${team ?? '*'} ${dimension}`);
      const byValue = new Map<string, Map<string, number>>();
      for (const { cell, fields } of tally.values())
        if (cell.period.kind === period.kind && cell.period.key === period.key && cell.dimension === dimension && cell.team === team)
          byValue.set(cell.value, fields);
      return byValue;
    },
  };
  return { reader, reads };
};

const japan = { team: 'japan-support', agent: 'a-1' };
const japanToo = { team: 'japan-support', agent: 'a-2' };
const general = { team: 'general-support', agent: 'a-9' };

describe('a report summary, from counters only', () => {
  // December 2026: 25 answers of japan-support (20 satisfied), 10 of general-support (all 1s).
  const items = [
    ...Array.from({ length: 15 }, () => answer('2026-12-01', 5, japan)),
    ...Array.from({ length: 5 }, () => answer('2026-12-08', 4, japanToo)),
    ...Array.from({ length: 5 }, () => answer('2026-12-09', 2, japanToo)),
    ...Array.from({ length: 10 }, () => answer('2026-12-10', 1, general)),
  ];
  const span = { from: '2026-11-30', to: '2026-12-14' };

  it('gives an admin every team: the trend by week, the whole span as their sum, and one line per team', async () => {
    const { reader } = countersOf(items);
    const summary = await summarizeReports({ span, interval: 'week', groupBy: 'team', scope: { kind: 'all' } }, reader);
    expect(summary.trend.map(({ period, from, to, csat }) => [period, from, to, csat.answers])).toEqual([
      ['2026-W49', '2026-11-30', '2026-12-07', 15],
      ['2026-W50', '2026-12-07', '2026-12-14', 20],
    ]);
    expect(summary.overall.csat).toMatchObject({ answers: 35, satisfied: { count: 20, of: 35 } });
    expect(summary.groups?.map(({ value, csat }) => [value, csat.answers, csat.satisfied.value])).toEqual([
      ['japan-support', 25, 0.8],
      ['general-support', 10, null], // 10 answers: too few for a share
    ]);
  });

  it('gives an admin a breakdown by agent summed over every team’s counters', async () => {
    const { reader } = countersOf(items);
    const byAgent = await summarizeReports({ span, interval: 'week', groupBy: 'agent', scope: { kind: 'all' } }, reader);
    expect(byAgent.groups?.map(({ value, csat }) => [value, csat.answers])).toEqual([
      ['a-1', 15],
      ['a-2', 10],
      ['a-9', 10],
    ]);
  });

  it('gives a team its own figures only, its breakdown by agent from its own counters', async () => {
    const { reader, reads } = countersOf(items);
    const scope = { kind: 'team', team: 'japan-support' } as const;
    const byAgent = await summarizeReports({ span, interval: 'week', groupBy: 'agent', scope }, reader);
    expect(byAgent.overall.csat.answers).toBe(25);
    expect(byAgent.groups?.map(({ value, csat }) => [value, csat.answers])).toEqual([
      ['a-1', 15],
      ['a-2', 10],
    ]);
    expect(reads.filter((read) => read.endsWith('agent')).every((read) => read.includes(' japan-support '))).toBe(true);
    const byTeam = await summarizeReports({ span, interval: 'week', groupBy: 'team', scope }, reader);
    expect(byTeam.groups?.map(({ value }) => value)).toEqual(['japan-support']);
  });

  it('reads the same counters for 35 answers as for 3,500: what a summary reads depends on the span, not the volume', async () => {
    const many = Array.from({ length: 100 }, () => items).flat();
    const request = { span: { from: '2026-10-01', to: '2027-01-01' }, interval: 'week', groupBy: 'agent', scope: { kind: 'all' } } as const;
    const few = countersOf(items);
    const lots = countersOf(many);
    const summary = await summarizeReports(request, lots.reader);
    await summarizeReports(request, few.reader);
    expect(summary.overall.csat.answers).toBe(3500);
    expect(lots.reads).toEqual(few.reads);
    // A quarter by week: 14 buckets, 12 whole weeks and the partial weeks at its edges read by day
    // (1–4 October, 28–31 December); for the breakdown, the teams of its 3 months, then the 3 months
    // of each team's partition and of the items without a team.
    expect(lots.reads).toHaveLength(4 + 12 + 4 + 3 + 3 * 3);
    expect(lots.reads.filter((read) => read.endsWith(' agent'))).toEqual(
      ['*', 'japan-support', 'general-support'].flatMap((team) => ['2026-10', '2026-11', '2026-12'].map((month) => `${month} ${team} agent`)),
    );
  });

  it('moves an updated answer between scores without adding one, and counts nothing for an empty span', async () => {
    const before = answer('2026-12-01', 2, japan);
    const { reader } = countersOf([before, { ...before, answer: { csat: 5 } }]);
    // Both images added: the change from the first to the second is what the stream applies.
    const tally = new Map<string, { cell: CounterCell; fields: Map<string, number> }>();
    addTally(tally, changeOf(undefined, before), 1);
    addTally(tally, changeOf(before, { ...before, answer: { csat: 5 } }), 1);
    const moved: CounterReader = {
      readCounts: async (period, dimension, team) =>
        new Map(
          [...tally.values()]
            .filter(({ cell }) => cell.period.key === period.key && cell.dimension === dimension && cell.team === team)
            .map(({ cell, fields }) => [cell.value, fields]),
        ),
    };
    const summary = await summarizeReports({ span: { from: '2026-12-01', to: '2026-12-02' }, interval: 'day', scope: { kind: 'all' } }, moved);
    expect(summary.overall.csat).toMatchObject({ answers: 1, distribution: [0, 0, 0, 0, 1] });
    const empty = await summarizeReports({ span: { from: '2026-12-05', to: '2026-12-05' }, interval: 'day', scope: { kind: 'all' } }, reader);
    expect(empty.trend).toEqual([]);
    expect(empty.overall.csat.answers).toBe(0);
  });

  it('answers what the API’s schema documents, a team’s summary without complaints and help-site feedback (they have no team)', async () => {
    const { reader } = countersOf(items);
    const admin = await summarizeReports({ span, interval: 'week', groupBy: 'team', scope: { kind: 'all' } }, reader);
    const team = await summarizeReports({ span, interval: 'week', groupBy: 'agent', scope: { kind: 'team', team: 'japan-support' } }, reader);
    for (const summary of [admin, team])
      expect(() => reportSummarySchema.parse({ from: '2026-11-30', to: '2026-12-13', interval: 'week', ...summary })).not.toThrow();
    expect(admin.overall.complaints).toBeDefined();
    expect(team.overall.complaints).toBeUndefined();
    expect(team.overall.feedback).toBeUndefined();
  });

  it('lists help-site articles least helpful first, those with too few answers last', async () => {
    const article = (articleId: string, helpful: boolean) => ({
      pk: `FEEDBACK#f-${++next}`,
      sk: 'FEEDBACK',
      kind: 'article',
      articleId,
      helpful,
      acceptedAt: '2026-12-02T10:00:00.000Z',
    });
    const feedback = [
      ...Array.from({ length: 20 }, (_, index) => article('kb-good', index < 18)),
      ...Array.from({ length: 25 }, (_, index) => article('kb-bad', index < 5)),
      ...Array.from({ length: 3 }, () => article('kb-new', false)),
    ];
    const { reader } = countersOf(feedback);
    const summary = await summarizeReports({ span, interval: 'week', groupBy: 'article', scope: { kind: 'all' } }, reader);
    expect(summary.groups?.map(({ value, feedback: figures }) => [value, figures?.helpful.value])).toEqual([
      ['kb-bad', 0.2],
      ['kb-good', 0.9],
      ['kb-new', null],
    ]);
  });
});
