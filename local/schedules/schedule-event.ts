import { localAccountId, localRegion } from '../emulators/local-aws.ts';
import type { LocalSchedule, ScheduleTarget } from './read-schedules.ts';

/** One firing of a schedule: when it was due, and the ids AWS gives each attempt. */
export interface ScheduleFiring {
  readonly scheduledTime: Date;
  readonly executionId: string;
  readonly eventId: string;
}

/**
 * The event a schedule's target function receives, as AWS delivers it:
 * - EventBridge Scheduler: the target's Input, with the context keywords
 *   `<aws.scheduler.schedule-arn>`, `<aws.scheduler.scheduled-time>`,
 *   `<aws.scheduler.execution-id>` and `<aws.scheduler.attempt-number>` replaced; `{}` without Input;
 * - an EventBridge rule: the target's Input if set, else the "Scheduled Event" of aws.events.
 *
 * @example
 * scheduleEvent(schedule, schedule.targets[0], { scheduledTime: new Date(), executionId: 'e1', eventId: 'i1' });
 */
export function scheduleEvent(schedule: LocalSchedule, target: ScheduleTarget, firing: ScheduleFiring): unknown {
  // AWS writes times to the second: 2022-03-22T18:59:43Z.
  const time = firing.scheduledTime.toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (schedule.type === 'AWS::Scheduler::Schedule') {
    if (target.input === undefined) return {};
    const keywords: Record<string, string> = {
      'schedule-arn': schedule.arn,
      'scheduled-time': time,
      'execution-id': firing.executionId,
      // Locally there is one attempt: a failed invocation is logged, not retried.
      'attempt-number': '1',
    };
    return JSON.parse(target.input.replace(/<aws\.scheduler\.([a-z-]+)>/g, (keyword, name: string) => keywords[name] ?? keyword));
  }
  if (target.input !== undefined) return JSON.parse(target.input);
  return {
    version: '0',
    id: firing.eventId,
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: localAccountId,
    time,
    region: localRegion,
    resources: [schedule.arn],
    detail: {},
  };
}
