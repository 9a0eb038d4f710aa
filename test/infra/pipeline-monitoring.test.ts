import { describe, expect, it } from 'vitest';
import { synthesizedPipeline } from './helpers/synthesized-pipeline.ts';

const { template, resourcesOfType } = synthesizedPipeline();
const alarms = resourcesOfType('AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
/** The logical ids an alarm's metric (or any metric of its expression) names in a dimension. */
const watched = (alarm: Record<string, any>): string[] =>
  [...JSON.stringify([alarm.Dimensions, alarm.Metrics]).matchAll(/"(?:Ref|Fn::GetAtt)":(?:"([^"]+)"|\["([^"]+)")/g)].map(([, ref, att]) => (ref ?? att)!);
const alarmsOn = (logicalId: string) => alarms.filter((alarm) => watched(alarm).includes(logicalId));
const dashboardBody = () => {
  const [dashboard] = resourcesOfType('AWS::CloudWatch::Dashboard');
  return JSON.stringify(dashboard?.[1].Properties.DashboardBody);
};

describe('the pipeline’s alarms', () => {
  it('watches every function for errors in 3 of 5 minutes and throttles in 2 of 5', () => {
    const functions = resourcesOfType('AWS::Lambda::Function');
    expect(functions).toHaveLength(26);
    for (const [id] of functions) {
      const mine = alarmsOn(id);
      expect(
        mine.find((a) => a.MetricName === 'Errors'),
        id,
      ).toMatchObject({
        Statistic: 'Sum',
        Period: 60,
        Threshold: 0,
        EvaluationPeriods: 5,
        DatapointsToAlarm: 3,
        TreatMissingData: 'notBreaching',
      });
      expect(
        mine.find((a) => a.MetricName === 'Throttles'),
        id,
      ).toMatchObject({ Threshold: 0, EvaluationPeriods: 5, DatapointsToAlarm: 2 });
    }
  });

  it('gives every queue an alarm, every intake queue one on its oldest message, at twice its visibility timeout and never under 5 minutes', () => {
    const queues = resourcesOfType('AWS::SQS::Queue');
    for (const [id] of queues) expect(alarmsOn(id).length, id).toBeGreaterThan(0);
    const intakeQueues = queues.filter(([, queue]) => queue.Properties.RedrivePolicy !== undefined);
    expect(intakeQueues).toHaveLength(6);
    for (const [id, queue] of intakeQueues) {
      const age = alarmsOn(id).find((a) => a.MetricName === 'ApproximateAgeOfOldestMessage');
      expect(age, id).toMatchObject({ Statistic: 'Maximum', Period: 60, EvaluationPeriods: 3, ComparisonOperator: 'GreaterThanThreshold' });
      expect(age!.Threshold, id).toBe(Math.max(300, 2 * queue.Properties.VisibilityTimeout));
    }
    // The mailer's 30 s timeout gives a 180 s visibility timeout, so its limit is 360 s.
    expect(alarms.map((a) => a.Threshold)).toContain(360);
    // Every queue that only holds failures (dead letters, failed runs and starts) alarms on one message.
    for (const [id] of queues.filter(([, queue]) => queue.Properties.RedrivePolicy === undefined)) {
      expect(
        alarmsOn(id).find((a) => a.MetricName === 'ApproximateNumberOfMessagesVisible'),
        id,
      ).toMatchObject({
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
      });
    }
  });

  it('alarms on the API’s 5xx rate over at least 20 requests and on its p99 latency', () => {
    const [apiId] = resourcesOfType('AWS::ApiGatewayV2::Api').map(([id]) => id);
    const fiveHundreds = alarmsOn(apiId!).find((a) => a.Metrics?.[0]?.Expression?.includes('100 * FILL(errors, 0) / requests'));
    expect(fiveHundreds).toMatchObject({ Threshold: 1, EvaluationPeriods: 2, ComparisonOperator: 'GreaterThanThreshold' });
    expect(fiveHundreds!.Metrics[0].Expression).toBe('IF(requests >= 20, 100 * FILL(errors, 0) / requests, 0)');
    expect(JSON.stringify(fiveHundreds!.Metrics)).toContain('"MetricName":"5xx"');
    expect(alarmsOn(apiId!).find((a) => a.MetricName === 'Latency')).toMatchObject({
      ExtendedStatistic: 'p99',
      Threshold: 3000,
      Period: 300,
      EvaluationPeriods: 2,
    });
  });

  it('alarms on the SES bounce and complaint rates before the levels at which SES reviews the account', () => {
    expect(alarms.find((a) => a.MetricName === 'Reputation.BounceRate')).toMatchObject({
      Namespace: 'AWS/SES',
      Threshold: 0.04,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    expect(alarms.find((a) => a.MetricName === 'Reputation.ComplaintRate')).toMatchObject({ Namespace: 'AWS/SES', Threshold: 0.0008 });
  });

  it('points every alarm at its runbook section, and each section exists', async () => {
    const { readFile } = await import('node:fs/promises');
    const runbook = await readFile(new URL('../../docs/runbook.md', import.meta.url), 'utf8');
    const anchors = new Set([...runbook.matchAll(/^#{2,3} .*\{#([a-z0-9-]+)\}$|^<a id="([a-z0-9-]+)"><\/a>/gm)].map(([, a, b]) => a ?? b));
    for (const alarm of alarms) {
      const description = String(alarm.AlarmDescription);
      const [, anchor] = description.match(/docs\/runbook\.md#([a-z0-9-]+)/) ?? [];
      expect(anchor, description).toBeDefined();
      expect(anchors.has(anchor!), `runbook section #${anchor}`).toBe(true);
    }
  });
});

describe('scheduled runs', () => {
  it('retries every schedule’s invoke and keeps what still failed in a dead-letter queue, as Lambda does for a run that threw', () => {
    const schedules = resourcesOfType('AWS::Scheduler::Schedule');
    expect(schedules).toHaveLength(4);
    for (const [id, schedule] of schedules) {
      expect(schedule.Properties.Target.RetryPolicy.MaximumRetryAttempts, id).toBeGreaterThan(0);
      expect(schedule.Properties.Target.DeadLetterConfig?.Arn, id).toBeDefined();
      const functionId = JSON.stringify(schedule.Properties.Target.Arn).match(/"Fn::GetAtt":\["([^"]+)"/)![1]!;
      const invokeConfig = resourcesOfType('AWS::Lambda::EventInvokeConfig').find(([, c]) => c.Properties.FunctionName.Ref === functionId);
      expect(invokeConfig?.[1].Properties.DestinationConfig.OnFailure.Destination, id).toBeDefined();
    }
  });
});

describe('the pipeline’s dashboard', () => {
  it('is one dashboard named after the stack, showing every function, every queue and every alarm', () => {
    expect(resourcesOfType('AWS::CloudWatch::Dashboard')).toHaveLength(1);
    template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'SupportFeedbackPipeline' });
    const body = dashboardBody();
    for (const title of [
      'Intake: accepted',
      'Queues: messages waiting',
      'Queues: age of oldest message (s)',
      'Function errors',
      'Escalations',
      'Surveys',
      'Alarms',
    ]) {
      expect(body).toContain(`\\"title\\":\\"${title}\\"`);
    }
    for (const [id] of [...resourcesOfType('AWS::Lambda::Function'), ...resourcesOfType('AWS::SQS::Queue')]) expect(body, id).toContain(id);
    for (const [id] of resourcesOfType('AWS::CloudWatch::Alarm')) expect(body, id).toContain(id);
    for (const figure of [
      'EscalationOpened',
      'EscalationsWarned',
      'EscalationsEscalated',
      'EscalationsBreached',
      'InvitationSent',
      'SurveyResponseStored',
      'AddressSuppressed',
    ]) {
      expect(body, figure).toContain(figure);
    }
    template.hasOutput('DashboardUrl', {});
  });
});
