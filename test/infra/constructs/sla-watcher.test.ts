import { describe, expect, it } from 'vitest';
import { escalationRulesSetting } from '../../../functions/escalation/settings/escalation-rules-setting.ts';
import { synthesizedPipeline } from '../helpers/synthesized-pipeline.ts';

const { resources, resourcesOfType, functionByService, functionContract, logicalIdOf } = synthesizedPipeline();

const statementsOf = (service: string) => {
  const role = functionByService(service).Properties.Role['Fn::GetAtt'][0];
  return resourcesOfType('AWS::IAM::Policy')
    .filter(([, policy]) => policy.Properties.Roles.some((r: { Ref: string }) => r.Ref === role))
    .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]);
};
const actionsOf = (statement: { Action: string | string[] }) => [statement.Action].flat();

describe('SlaWatcher', () => {
  it('runs watch-escalation-slas every minute from an EventBridge Scheduler schedule, passing the scheduled time, retrying an undelivered run within the minute', () => {
    const watcher = logicalIdOf(functionByService('watch-escalation-slas'));
    const schedules = resourcesOfType('AWS::Scheduler::Schedule').filter(([, candidate]) => candidate.Properties.Target.Arn['Fn::GetAtt'][0] === watcher);
    expect(schedules).toHaveLength(1);
    const [, schedule] = schedules[0]!;
    expect(schedule.Properties.ScheduleExpression).toBe('rate(1 minute)');
    expect(JSON.parse(schedule.Properties.Target.Input)).toEqual({ scheduledTime: '<aws.scheduler.scheduled-time>' });
    expect(schedule.Properties.Target.RetryPolicy).toEqual({ MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 60 });
  });

  it("bounds each run well inside its timeout and hands it the SLA rules it validates at cold start (the rosters are the table's directory)", () => {
    const { timeout, variables } = functionContract('watch-escalation-slas');
    expect(variables).toEqual(expect.arrayContaining(['ESCALATION_RULES', 'TABLE_NAME', 'WATCH_MAX_PAGES', 'WATCH_PAGE_SIZE', 'WATCH_TIME_BUDGET_SECONDS']));
    expect(variables).not.toEqual(expect.arrayContaining(['TEAM_ROSTERS']));
    const env = functionByService('watch-escalation-slas').Properties.Environment.Variables;
    expect(Number(env.WATCH_TIME_BUDGET_SECONDS)).toBeLessThanOrEqual(timeout - 20);
    expect(escalationRulesSetting.parse(env.ESCALATION_RULES)).toMatchObject({ warningFraction: 0.75, defaultChain: ['supervisors', 'lead', 'head'] });
    // Lambda allows 4 KB of environment in all: the gzipped rules, with three years of library holidays, leave room.
    const size = Object.entries(env).reduce((total, [name, value]) => total + name.length + (typeof value === 'string' ? value.length : 64), 0);
    expect(size).toBeLessThan(3_000);
  });

  it('grants Query on gsi3 only, GetItem, BatchGetItem and PutItem on the table, UpdateItem on outbox items only: no Scan or DeleteItem', () => {
    const statements = statementsOf('watch-escalation-slas').filter((statement) => actionsOf(statement).some((action) => action.startsWith('dynamodb:')));
    const actions = [...new Set(statements.flatMap(actionsOf))].sort();
    expect(actions).toEqual(['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem']);
    const query = statements.find((statement) => actionsOf(statement).includes('dynamodb:Query'))!;
    expect(JSON.stringify(query.Resource)).toContain('/index/gsi3');
    expect(JSON.stringify(query.Resource)).not.toContain('gsi1');
    // The outbox claim and its mark as sent, on NOTIFICATION# items alone.
    const update = statements.find((statement) => actionsOf(statement).includes('dynamodb:UpdateItem'))!;
    expect(JSON.stringify(update)).toContain('NOTIFICATION#*');
  });

  it('mails its steps at once, no faster than the SES rate, with what sending needs', () => {
    const { variables } = functionContract('watch-escalation-slas');
    expect(variables).toEqual(expect.arrayContaining(['SES_MAX_SEND_RATE', 'NOTIFICATION_SENDER_ADDRESS', 'PUBLIC_BASE_URL', 'SIGNING_KEY_SECRET_ARN']));
    expect(functionByService('watch-escalation-slas').Properties.Environment.Variables.SES_MAX_SEND_RATE).toBe('14');
    expect(JSON.stringify(statementsOf('watch-escalation-slas'))).toContain('ses:SendEmail');
  });

  it('lets its schedule role invoke the watcher only', () => {
    const watcher = logicalIdOf(functionByService('watch-escalation-slas'));
    const invoke = resourcesOfType('AWS::IAM::Policy')
      .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement)
      .filter(
        (statement: { Action: string; Resource: unknown }) =>
          statement.Action === 'lambda:InvokeFunction' && JSON.stringify(statement.Resource).includes(watcher),
      );
    expect(invoke).toHaveLength(1);
    expect(JSON.stringify(invoke[0].Resource)).not.toMatch(/"\*"/);
    expect(resources[watcher]).toBeDefined();
  });
});
