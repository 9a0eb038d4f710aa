import { describe, expect, it } from 'vitest';
import type { CfnTemplate } from '../../../local/template/cloudformation-template.ts';
import { readSchedules } from '../../../local/schedules/read-schedules.ts';
import { TemplateShapeError } from '../../../local/template/template-shape-error.ts';

const functionArn = 'arn:aws:lambda:us-east-1:000000000000:function:Digest';
const values = { refs: new Map([['DigestFn', 'Digest']]), attributes: new Map([['DigestFn.Arn', functionArn]]) };
const functionNameOf = (target: string) => (target === functionArn || target === 'Digest' ? 'Digest' : undefined);
const read = (Resources: CfnTemplate['Resources'], log: (line: string) => void = () => undefined) => readSchedules({ Resources }, values, functionNameOf, log);

const aSchedulerSchedule = (properties: Record<string, unknown> = {}) => ({
  Type: 'AWS::Scheduler::Schedule',
  Properties: {
    ScheduleExpression: 'cron(0 3 * * ? *)',
    ScheduleExpressionTimezone: 'Asia/Tokyo',
    FlexibleTimeWindow: { Mode: 'OFF' },
    Target: { Arn: { 'Fn::GetAtt': ['DigestFn', 'Arn'] }, RoleArn: 'arn:aws:iam::000000000000:role/r', Input: '{"kind":"digest"}' },
    ...properties,
  },
});

describe('readSchedules', () => {
  it('reads a Scheduler schedule: name, expression, time zone, state and its target with Input', () => {
    const [schedule] = read({
      Digest: aSchedulerSchedule({ Name: 'nightly-digest', GroupName: 'surveys', State: 'DISABLED', StartDate: '2026-04-01T00:00:00Z' }),
    });

    expect(schedule).toMatchObject({
      name: 'nightly-digest',
      logicalId: 'Digest',
      type: 'AWS::Scheduler::Schedule',
      arn: 'arn:aws:scheduler:us-east-1:000000000000:schedule/surveys/nightly-digest',
      expression: 'cron(0 3 * * ? *)',
      timeZone: 'Asia/Tokyo',
      state: 'DISABLED',
      startDate: new Date('2026-04-01T00:00:00Z'),
      targets: [{ functionName: 'Digest', input: '{"kind":"digest"}' }],
    });
    expect(schedule?.when.kind).toBe('cron');
  });

  it('names a schedule without Name by its logical id, ENABLED and in UTC by default', () => {
    const [schedule] = read({ Digest: aSchedulerSchedule({ ScheduleExpressionTimezone: undefined }) });

    expect(schedule).toMatchObject({ name: 'Digest', state: 'ENABLED', timeZone: 'UTC' });
  });

  it('reads a scheduled EventBridge rule, each Lambda target, in UTC, and ignores rules without a schedule', () => {
    const schedules = read({
      Sweep: {
        Type: 'AWS::Events::Rule',
        Properties: {
          ScheduleExpression: 'rate(5 minutes)',
          State: 'ENABLED',
          Targets: [
            { Arn: { 'Fn::GetAtt': ['DigestFn', 'Arn'] }, Id: 'Target0' },
            { Arn: { Ref: 'DigestFn' }, Id: 'Target1', Input: '{"job":"sweep"}' },
          ],
        },
      },
      OnEvent: { Type: 'AWS::Events::Rule', Properties: { EventPattern: { source: ['aws.s3'] }, Targets: [] } },
    });

    expect(schedules).toHaveLength(1);
    expect(schedules[0]).toMatchObject({
      name: 'Sweep',
      type: 'AWS::Events::Rule',
      arn: 'arn:aws:events:us-east-1:000000000000:rule/Sweep',
      timeZone: 'UTC',
      state: 'ENABLED',
      targets: [
        { functionName: 'Digest', input: undefined },
        { functionName: 'Digest', input: '{"job":"sweep"}' },
      ],
    });
  });

  it('logs and leaves out a schedule whose target is not a function of the template', () => {
    const lines: string[] = [];
    const schedules = read({ ToQueue: aSchedulerSchedule({ Target: { Arn: 'arn:aws:scheduler:::aws-sdk:sqs:sendMessage', RoleArn: 'r' } }) }, (line) =>
      lines.push(line),
    );

    expect(schedules).toEqual([]);
    expect(lines).toEqual(['ToQueue: target arn:aws:scheduler:::aws-sdk:sqs:sendMessage is not a function of the template; not fired locally']);
  });

  it.each([
    [
      'an expression EventBridge refuses',
      { ScheduleExpression: 'cron(0 9 * * MON *)' },
      /^Digest cannot run locally: ScheduleExpression cron\(0 9 \* \* MON \*\): exactly one of/,
    ],
    ['an Input that is not JSON', { Target: { Arn: functionArn, RoleArn: 'r', Input: 'digest' } }, /^Digest cannot run locally: its target Input is not JSON$/],
    ['a StartDate that is not a date', { StartDate: 'soon' }, /^Digest cannot run locally: StartDate "soon" is not a date$/],
    ['a missing FlexibleTimeWindow', { FlexibleTimeWindow: undefined }, /FlexibleTimeWindow/],
  ])('stops the start in one line naming the schedule for %s', (_case, properties, message) => {
    const reading = () => read({ Digest: aSchedulerSchedule(properties) });

    expect(reading).toThrow(TemplateShapeError);
    expect(reading).toThrow(message);
  });
});
