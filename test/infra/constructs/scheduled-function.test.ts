import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { ScheduledFunction, type ScheduledFunctionProps } from '../../../infra/constructs/scheduled-function.ts';

// A bare inline function: these tests need the wiring, not a bundle.
const aStackWith = (wire: (owner: Construct, fn: LambdaFunction) => void) => {
  const stack = new Stack(new App(), 'Test');
  const owner = new Construct(stack, 'Owner');
  const fn = new LambdaFunction(owner, 'Job', {
    runtime: Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: Code.fromInline('exports.handler = async () => {};'),
  });
  wire(owner, fn);
  return Template.fromStack(stack);
};
const props = (fn: LambdaFunction, overrides: Partial<ScheduledFunctionProps> = {}): ScheduledFunctionProps => ({
  fn,
  scheduleId: 'JobSchedule',
  description: 'Runs the job.',
  every: Duration.minutes(5),
  ...overrides,
});
const resourcesOf = (template: Template) => template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>;

describe('ScheduledFunction', () => {
  it('runs the function at its rate through a role Scheduler assumes, retrying within a minute into a failed-runs queue', () => {
    const template = aStackWith((owner, fn) => new ScheduledFunction(owner, 'Default', props(fn)));
    const [queueId] = Object.entries(resourcesOf(template)).find(([, r]) => r.Type === 'AWS::SQS::Queue')!;

    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      Description: 'Runs the job.',
      ScheduleExpression: 'rate(5 minutes)',
      Target: {
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 60 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [queueId, 'Arn'] } },
      },
    });
    // A run that threw is retried twice by Lambda, then lands in the same queue.
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 600,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [{ Principal: { Service: 'scheduler.amazonaws.com' } }] },
    });
  });

  it('passes the scheduled time only when asked to', () => {
    const targetOf = (template: Template) =>
      Object.values(resourcesOf(template)).find((r) => r.Type === 'AWS::Scheduler::Schedule')!.Properties['Target'] as { Input?: string };

    const withTime = aStackWith((owner, fn) => new ScheduledFunction(owner, 'Default', props(fn, { passScheduledTime: true })));
    const without = aStackWith((owner, fn) => new ScheduledFunction(owner, 'Default', props(fn)));

    expect(JSON.parse(targetOf(withTime).Input!)).toEqual({ scheduledTime: '<aws.scheduler.scheduled-time>' });
    expect(targetOf(without).Input).toBeUndefined();
  });

  it('lets its role invoke that one function only, and send to its failed-runs queue', () => {
    const template = aStackWith((owner, fn) => new ScheduledFunction(owner, 'Default', props(fn)));
    const [policy] = Object.values(resourcesOf(template)).filter(
      (r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties).includes('lambda:InvokeFunction'),
    );

    const statements = (policy!.Properties['PolicyDocument'] as { Statement: { Action: string; Resource: unknown }[] }).Statement;
    const functionId = Object.entries(resourcesOf(template)).find(([, r]) => r.Type === 'AWS::Lambda::Function')![0];
    const queueId = Object.entries(resourcesOf(template)).find(([, r]) => r.Type === 'AWS::SQS::Queue')![0];
    expect(statements.map((s) => s.Action).sort()).toEqual(['lambda:InvokeFunction', 'sqs:SendMessage']);
    const invoke = statements.find((s) => s.Action === 'lambda:InvokeFunction')!;
    const referenced = [...JSON.stringify(invoke.Resource).matchAll(/"Fn::GetAtt":\["([^"]+)"/g)].map(([, id]) => id);
    expect(new Set(referenced)).toEqual(new Set([functionId]));
    // …and send an undelivered run to its own failed-runs queue.
    expect(statements.find((s) => s.Action === 'sqs:SendMessage')!.Resource).toEqual({ 'Fn::GetAtt': [queueId, 'Arn'] });
  });

  it('under the id Default, gives every resource the logical ID it had when its owner created the role and schedule itself', () => {
    const extracted = aStackWith((owner, fn) => new ScheduledFunction(owner, 'Default', props(fn)));
    const inline = aStackWith((owner, fn) => {
      const role = new Role(owner, 'ScheduleRole', { assumedBy: new ServicePrincipal('scheduler.amazonaws.com') });
      new Schedule(owner, 'JobSchedule', {
        description: 'Runs the job.',
        schedule: ScheduleExpression.rate(Duration.minutes(5)),
        target: new LambdaInvoke(fn, { retryAttempts: 0, role }),
      });
    });

    // The alarms, the failed-runs queue and the function's invoke config are new (nothing deployed
    // to keep); everything else keeps its logical ID.
    const added = new Set(['AWS::CloudWatch::Alarm', 'AWS::SQS::Queue', 'AWS::SQS::QueuePolicy', 'AWS::Lambda::EventInvokeConfig']);
    const kept = Object.entries(resourcesOf(extracted)).filter(
      ([id, resource]) => !added.has(resource.Type) && !id.startsWith('OwnerJobServiceRoleDefaultPolicy'),
    );
    expect(kept.map(([id]) => id).sort()).toEqual(Object.keys(resourcesOf(inline)).sort());
    expect(kept).toHaveLength(5); // function, its role, schedule, schedule role, its policy
  });

  it('alarms when the function has not succeeded in five runs in a row, a run never invoked counting as failed', () => {
    const template = aStackWith((owner, fn) => new ScheduledFunction(owner, 'Default', props(fn)));
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).filter((a) => a['Properties'].Metrics !== undefined);
    expect(alarms).toHaveLength(1);
    const alarm = alarms[0]!['Properties'];
    expect(alarm).toMatchObject({
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      EvaluationPeriods: 5,
      DatapointsToAlarm: 5,
      TreatMissingData: 'breaching',
    });
    const [expression, invocations, errors] = alarm.Metrics;
    expect(expression).toMatchObject({ Expression: 'FILL(invocations, 0) - FILL(errors, 0)', ReturnData: true });
    expect(invocations).toMatchObject({
      Id: 'invocations',
      MetricStat: { Metric: { MetricName: 'Invocations' }, Period: 300, Stat: 'Sum' },
      ReturnData: false,
    });
    expect(errors).toMatchObject({ Id: 'errors', MetricStat: { Metric: { MetricName: 'Errors' }, Period: 300, Stat: 'Sum' }, ReturnData: false });
  });
});
