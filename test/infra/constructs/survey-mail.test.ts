import { describe, expect, it } from 'vitest';
import { synthesizedPipeline } from '../helpers/synthesized-pipeline.ts';

const { resources, resourcesOfType, functionByService, functionContract, logicalIdOf } = synthesizedPipeline();

const queueOf = (service: string) => {
  const fn = logicalIdOf(functionByService(service));
  const mapping = resourcesOfType('AWS::Lambda::EventSourceMapping').find(([, m]) => m.Properties.FunctionName.Ref === fn);
  if (mapping === undefined) throw new Error(`no event source mapping for ${service}`);
  return { mapping: mapping[1], queueId: mapping[1].Properties.EventSourceArn['Fn::GetAtt'][0] as string };
};

const policyActionsOf = (service: string) => {
  const role = functionByService(service).Properties.Role['Fn::GetAtt'][0];
  return resourcesOfType('AWS::IAM::Policy')
    .filter(([, policy]) => policy.Properties.Roles.some((r: { Ref: string }) => r.Ref === role))
    .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement);
};

describe('SurveyMail', () => {
  it('runs the dispatcher every minute from an EventBridge Scheduler schedule, passing the scheduled time', () => {
    const dispatcher = logicalIdOf(functionByService('dispatch-invitations'));
    const schedules = resourcesOfType('AWS::Scheduler::Schedule').filter(([, candidate]) => candidate.Properties.Target.Arn['Fn::GetAtt'][0] === dispatcher);
    expect(schedules).toHaveLength(1);
    const [, schedule] = schedules[0]!;
    expect(schedule.Properties.ScheduleExpression).toBe('rate(1 minute)');
    expect(schedule.Properties.Target.Arn['Fn::GetAtt'][0]).toBe(logicalIdOf(functionByService('dispatch-invitations')));
    expect(JSON.parse(schedule.Properties.Target.Input)).toEqual({ scheduledTime: '<aws.scheduler.scheduled-time>' });
    expect(schedule.Properties.Target.RetryPolicy).toEqual({ MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 60 });
  });

  it('caps each dispatcher run by SES_MAX_SEND_RATE over a 60 s interval and hands it the notifications queue', () => {
    expect(functionContract('dispatch-invitations').variables).toEqual(
      expect.arrayContaining(['DISPATCH_INTERVAL_SECONDS', 'NOTIFICATION_QUEUE_URL', 'SES_MAX_SEND_RATE', 'SURVEY_POLICY', 'TABLE_NAME']),
    );
    const variables = functionByService('dispatch-invitations').Properties.Environment.Variables;
    expect(variables.SES_MAX_SEND_RATE).toBe('14');
    expect(variables.DISPATCH_INTERVAL_SECONDS).toBe('60');
    expect(variables.NOTIFICATION_QUEUE_URL.Ref).toBe(queueOf('send-invitation-email').queueId);
  });

  it('drives the mailer from the notifications queue with bounded concurrency, partial batch failures and a visibility timeout of six timeouts', () => {
    const { mapping, queueId } = queueOf('send-invitation-email');
    expect(mapping.Properties.ScalingConfig).toEqual({ MaximumConcurrency: 2 });
    // The mailer paces its sends for that many invocations from the same rate.
    expect(functionByService('send-invitation-email').Properties.Environment.Variables.SES_MAX_SEND_RATE).toBe('14');
    expect(mapping.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    expect(resources[queueId]!.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * functionContract('send-invitation-email').timeout);
    expect(resources[queueId]!.Properties.RedrivePolicy.maxReceiveCount).toBe(5);
  });

  it('lets the mailer send only from the sender identity with the survey configuration set', () => {
    const variables = functionByService('send-invitation-email').Properties.Environment.Variables;
    expect(variables.SENDER_ADDRESS).toBe('surveys@example.com');
    expect(variables.CONFIGURATION_SET_NAME).toBe('SupportFeedbackPipeline-surveys');
    const send = policyActionsOf('send-invitation-email').find((statement) => statement.Action === 'ses:SendEmail');
    const resourcesText = JSON.stringify(send.Resource);
    expect(resourcesText).toContain('identity/surveys@example.com');
    expect(resourcesText).toContain('identity/example.com');
    expect(resourcesText).toContain('configuration-set/SupportFeedbackPipeline-surveys');
  });

  it.each(['dispatch-invitations', 'send-invitation-email', 'record-delivery-events'])('grants %s no table scan', (service) => {
    const actions = policyActionsOf(service).flatMap((statement) => statement.Action);
    expect(actions).toContain('dynamodb:Query');
    expect(actions).not.toContain('dynamodb:Scan');
  });
});

describe('SurveyMailEvents', () => {
  it('publishes bounces and complaints of the configuration set to the default event bus', () => {
    const [, set] = resourcesOfType('AWS::SES::ConfigurationSet')[0]!;
    expect(set.Properties.Name).toBe('SupportFeedbackPipeline-surveys');
    const [, destination] = resourcesOfType('AWS::SES::ConfigurationSetEventDestination')[0]!;
    expect(destination.Properties.EventDestination.MatchingEventTypes.sort()).toEqual(['bounce', 'complaint']);
    expect(JSON.stringify(destination.Properties.EventDestination.EventBridgeDestination)).toContain('event-bus/default');
  });

  it('routes the aws.ses bounce and complaint events of that set to the delivery-events queue, with a dead-letter queue', () => {
    const rules = resourcesOfType('AWS::Events::Rule').filter(([, rule]) => rule.Properties.EventPattern?.source?.includes('aws.ses'));
    expect(rules).toHaveLength(1);
    const [, rule] = rules[0]!;
    expect(rule.Properties.EventPattern['detail-type']).toEqual(['Email Bounced', 'Email Complaint Received']);
    expect(rule.Properties.EventPattern.detail.mail.tags['ses:configuration-set']).toEqual(['SupportFeedbackPipeline-surveys']);
    const { queueId } = queueOf('record-delivery-events');
    const [target] = rule.Properties.Targets;
    expect(target.Arn['Fn::GetAtt'][0]).toBe(queueId);
    expect(target.DeadLetterConfig.Arn['Fn::GetAtt'][0]).toBe(resources[queueId]!.Properties.RedrivePolicy.deadLetterTargetArn['Fn::GetAtt'][0]);
  });
});
