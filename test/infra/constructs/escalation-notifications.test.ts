import { describe, expect, it } from 'vitest';
import { synthesizedPipeline } from '../helpers/synthesized-pipeline.ts';

const { resourcesOfType, functionByService, logicalIdOf } = synthesizedPipeline();

const policyOf = (service: string) => {
  const roleId = functionByService(service).Properties.Role['Fn::GetAtt'][0];
  const [, policy] = resourcesOfType('AWS::IAM::Policy').find(([, p]) => p.Properties.Roles[0].Ref === roleId)!;
  return policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown; Condition?: unknown }[];
};

describe('EscalationNotifications', () => {
  it('sweeps the outbox every minute with send-notifications, on an EventBridge Scheduler schedule retrying an undelivered run within the minute', () => {
    const sweep = logicalIdOf(functionByService('send-notifications'));
    const schedules = resourcesOfType('AWS::Scheduler::Schedule').filter(([, candidate]) => candidate.Properties.Target.Arn['Fn::GetAtt'][0] === sweep);
    expect(schedules).toHaveLength(1);
    expect(schedules[0]![1].Properties).toMatchObject({
      ScheduleExpression: 'rate(1 minute)',
      Target: { RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 60 } },
    });
  });

  it.each(['store-complaint', 'send-notifications', 'supervisor-api'])(
    'gives %s the notifier: settings, SES sending, outbox claims on NOTIFICATION# keys only',
    (service) => {
      const variables = functionByService(service).Properties.Environment.Variables;
      expect(Object.keys(variables)).toEqual(
        expect.arrayContaining(['ESCALATION_RULES', 'PUBLIC_BASE_URL', 'NOTIFICATION_SENDER_ADDRESS', 'STATUS_TOKEN_TTL_DAYS', 'SIGNING_KEY_SECRET_ARN']),
      );
      const statements = policyOf(service);
      expect(statements.some((s) => [s.Action].flat().includes('ses:SendEmail'))).toBe(true);
      const outboxUpdates = statements.filter(
        (s) => [s.Action].flat().includes('dynamodb:UpdateItem') && JSON.stringify(s.Condition).includes('NOTIFICATION#*'),
      );
      expect(outboxUpdates).toHaveLength(1);
      expect(statements.filter((s) => [s.Action].flat().includes('dynamodb:UpdateItem') && s.Condition === undefined)).toEqual([]);
    },
  );

  it('lets only the sweep query the pending index', () => {
    expect(JSON.stringify(policyOf('send-notifications').filter((s) => [s.Action].flat().includes('dynamodb:Query')))).toContain('/index/gsi1');
    expect(policyOf('store-complaint').some((s) => [s.Action].flat().includes('dynamodb:Query'))).toBe(false);
  });

  it('keeps every function within the 4 KB Lambda allows for all its variables', () => {
    for (const [id, fn] of resourcesOfType('AWS::Lambda::Function')) {
      const variables = fn.Properties.Environment?.Variables ?? {};
      // Unresolved values (Refs, ARNs) count by their JSON: longer than the deployed strings, so this errs on the safe side.
      const size = Object.entries(variables).reduce((total, [name, value]) => total + name.length + JSON.stringify(value).length, 0);
      expect(size, id).toBeLessThan(4_096);
    }
  });
});
