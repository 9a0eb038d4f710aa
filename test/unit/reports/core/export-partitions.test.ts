import { describe, expect, it } from 'vitest';
import { exportPartitionsOf } from '../../../../functions/reports/core/export-partitions.ts';

describe('the partitions an export reads', () => {
  it('reads complaints and responses a month at a time across the span, the last day included', () => {
    expect(exportPartitionsOf('complaints', '2026-11-20', '2027-01-05', { kind: 'all' }, [])).toEqual(
      ['2026-11', '2026-12', '2027-01'].map((month) => ({ partition: `COMPLAINTS#${month}`, from: '2026-11-20', to: '2027-01-05~' })),
    );
    // A team's responses: the month's partition, filtered to the team.
    expect(exportPartitionsOf('responses', '2026-12-01', '2026-12-31', { kind: 'team', team: 'japan-support' }, [])).toEqual([
      { partition: 'RESPONSES#2026-12', from: '2026-12-01', to: '2026-12-31~', team: 'japan-support' },
    ]);
  });

  it('reads feedback of both kinds, and escalations of every team’s statuses for an admin, of its own for a team', () => {
    expect(exportPartitionsOf('feedback', '2026-12-01', '2026-12-31', { kind: 'all' }, []).map(({ partition }) => partition)).toEqual([
      'FEEDBACK#site#2026-12',
      'FEEDBACK#article#2026-12',
    ]);
    expect(exportPartitionsOf('escalations', '2026-12-01', '2026-12-31', { kind: 'all' }, ['a', 'b']).map(({ partition }) => partition)).toHaveLength(8);
    expect(
      exportPartitionsOf('escalations', '2026-12-01', '2026-12-31', { kind: 'team', team: 'constructor' }, ['a', 'b']).map(({ partition }) => partition),
    ).toEqual(['ESCALATIONS#constructor#open', 'ESCALATIONS#constructor#claimed', 'ESCALATIONS#constructor#acknowledged', 'ESCALATIONS#constructor#resolved']);
  });
});
