import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Alarm, Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PipelineAlarms } from '../../../infra/constructs/pipeline-alarms.ts';
import { createPipelineApp } from '../../../infra/pipeline-app.ts';
import { synthesizedPipeline } from '../helpers/synthesized-pipeline.ts';

const { template, resourcesOfType } = synthesizedPipeline();
const topicId = resourcesOfType('AWS::SNS::Topic').map(([id]) => id)[0];
const alarms = resourcesOfType('AWS::CloudWatch::Alarm');
afterEach(() => vi.unstubAllEnvs());

describe('PipelineAlarms', () => {
  it('gives every alarm of the stack the one topic as its alarm and OK action', () => {
    expect(resourcesOfType('AWS::SNS::Topic')).toHaveLength(1);
    expect(alarms.length).toBeGreaterThanOrEqual(10);
    for (const [id, alarm] of alarms) {
      expect(alarm.Properties.AlarmActions, id).toEqual([{ Ref: topicId }]);
      expect(alarm.Properties.OKActions, id).toEqual([{ Ref: topicId }]);
    }
    template.hasOutput('AlarmTopicArn', { Value: { Ref: topicId } });
    // Only over TLS: the topic policy refuses plain HTTP publishers and subscribers.
    expect(JSON.stringify(resourcesOfType('AWS::SNS::TopicPolicy'))).toContain('aws:SecureTransport');
  });

  it('has no subscription by default, and subscribes the alarmEmail setting', () => {
    expect(resourcesOfType('AWS::SNS::Subscription')).toHaveLength(0);
    const stack = new Stack(new App(), 'Alarms');
    new PipelineAlarms(stack, 'Alarms', { alarmEmail: 'oncall@example.com' });
    Template.fromStack(stack).hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'oncall@example.com' });
  });

  it('also notifies alarms added after it, by any construct', () => {
    const stack = new Stack(new App(), 'Late');
    const { topic } = new PipelineAlarms(stack, 'Alarms');
    new Alarm(stack, 'Late', { metric: new Metric({ namespace: 'N', metricName: 'M' }), threshold: 1, evaluationPeriods: 1 });
    const [late] = Object.values(Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm'));
    expect(late!['Properties'].AlarmActions).toEqual([{ Ref: stack.getLogicalId(topic.node.defaultChild as never) }]);
  });

  it('refuses an alarmEmail setting that is no address, naming the setting', () => {
    vi.stubEnv('CDK_CONTEXT_JSON', JSON.stringify({ alarmEmail: 'oncall' }));
    expect(() => createPipelineApp()).toThrow(/the setting alarmEmail \(-c alarmEmail=…\) is an address subscribed to the alarm topic: an email address/);
  });

  it("warns from each region's holiday calendar 60 days before it ends, and when a campaign fails to start", () => {
    const calendarAlarms = alarms.filter(([, alarm]) => alarm.Properties.MetricName === 'HolidayCalendarDaysLeft');
    expect(calendarAlarms.map(([, alarm]) => alarm.Properties.Dimensions.find((d: { Name: string }) => d.Name === 'Region').Value).sort()).toEqual([
      'jp',
      'uk',
      'us',
    ]);
    for (const [, alarm] of calendarAlarms) {
      expect(alarm.Properties).toMatchObject({
        Namespace: 'SupportFeedbackPipeline',
        Statistic: 'Minimum',
        Threshold: 60,
        ComparisonOperator: 'LessThanOrEqualToThreshold',
        Dimensions: expect.arrayContaining([{ Name: 'service', Value: 'watch-escalation-slas' }]),
      });
    }
    expect(alarms.some(([id]) => id.includes('FailedStartsAlarm'))).toBe(true);
  });
});
