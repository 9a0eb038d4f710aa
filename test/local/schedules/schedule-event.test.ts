import { describe, expect, it } from 'vitest';
import type { LocalSchedule } from '../../../local/schedules/read-schedules.ts';
import { scheduleEvent } from '../../../local/schedules/schedule-event.ts';
import { aLocalSchedule } from './a-local-schedule.ts';

const aSchedule = (overrides: Partial<LocalSchedule>) => aLocalSchedule('rate(1 hour)', { name: 'nightly-digest', ...overrides });
const firing = { scheduledTime: new Date('2026-03-22T18:59:43.512Z'), executionId: 'd32c5kddcf5bb8c3', eventId: '7f1c3a52-0000-4000-8000-000000000001' };

describe('scheduleEvent', () => {
  it('sends a Scheduler target its Input with the context keywords replaced', () => {
    const schedule = aSchedule({});
    const input = JSON.stringify({
      at: '<aws.scheduler.scheduled-time>',
      arn: '<aws.scheduler.schedule-arn>',
      execution: '<aws.scheduler.execution-id>',
      attempt: '<aws.scheduler.attempt-number>',
      kept: '<aws.scheduler.unknown>',
    });

    const event = scheduleEvent(schedule, { functionName: 'Digest', input }, firing);

    expect(event).toEqual({
      at: '2026-03-22T18:59:43Z',
      arn: schedule.arn,
      execution: 'd32c5kddcf5bb8c3',
      attempt: '1',
      kept: '<aws.scheduler.unknown>',
    });
  });

  it('sends a Scheduler target without Input an empty object', () => {
    expect(scheduleEvent(aSchedule({}), { functionName: 'Digest', input: undefined }, firing)).toEqual({});
  });

  it("sends an EventBridge rule's target the Scheduled Event of aws.events", () => {
    const rule = aSchedule({ type: 'AWS::Events::Rule', name: 'EveryMinute', arn: 'arn:aws:events:us-east-1:000000000000:rule/EveryMinute' });

    const event = scheduleEvent(rule, { functionName: 'Digest', input: undefined }, firing);

    expect(event).toEqual({
      version: '0',
      id: firing.eventId,
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '000000000000',
      time: '2026-03-22T18:59:43Z',
      region: 'us-east-1',
      resources: ['arn:aws:events:us-east-1:000000000000:rule/EveryMinute'],
      detail: {},
    });
  });

  it("sends an EventBridge rule's target its constant Input when it has one", () => {
    const rule = aSchedule({ type: 'AWS::Events::Rule' });

    expect(scheduleEvent(rule, { functionName: 'Digest', input: '{"job":"sweep"}' }, firing)).toEqual({ job: 'sweep' });
  });
});
