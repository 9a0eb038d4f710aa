import type { LocalSchedule } from '../../../local/schedules/read-schedules.ts';
import { parseScheduleExpression } from '../../../local/schedules/schedule-expression.ts';

/**
 * A Scheduler schedule named `digest` invoking the function `Digest` with an Input carrying the
 * scheduled time; `overrides` change any part (the expression is parsed in its time zone).
 */
export function aLocalSchedule(expression: string, overrides: Partial<LocalSchedule> = {}): LocalSchedule {
  const timeZone = overrides.timeZone ?? 'UTC';
  const name = overrides.name ?? 'digest';
  return {
    name,
    logicalId: 'Digest',
    type: 'AWS::Scheduler::Schedule',
    arn: `arn:aws:scheduler:us-east-1:000000000000:schedule/default/${name}`,
    expression,
    timeZone,
    state: 'ENABLED',
    startDate: undefined,
    endDate: undefined,
    targets: [{ functionName: 'Digest', input: '{"at":"<aws.scheduler.scheduled-time>"}' }],
    when: parseScheduleExpression(expression, timeZone),
    ...overrides,
  };
}
