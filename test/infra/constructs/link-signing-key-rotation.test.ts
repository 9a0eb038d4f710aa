import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { FeedbackPipelineStack, type FeedbackPipelineStackProps } from '../../../infra/feedback-pipeline-stack.ts';
import { temporaryOutdir } from '../helpers/temporary-outdir.ts';

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string; UpdateReplacePolicy?: string };

// Bundling is skipped (empty bundling-stacks): these assertions are about resources and roles only.
const synthesize = (props: FeedbackPipelineStackProps = {}) => {
  const app = new App({ outdir: temporaryOutdir(), context: { 'aws:cdk:bundling-stacks': [] } });
  const resources = Template.fromStack(new FeedbackPipelineStack(app, 'SupportFeedbackPipeline', props)).toJSON().Resources as Record<string, Resource>;
  const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
  const functionId = (service: string) =>
    ofType('AWS::Lambda::Function').find(([, r]) => r.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME === service)![0];
  const secretActionsOf = (service: string) => {
    const roleId = resources[functionId(service)]!.Properties.Role['Fn::GetAtt'][0];
    return ofType('AWS::IAM::Policy')
      .filter(([, p]) => p.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement.flatMap((s: { Action: string | string[] }) => [s.Action].flat()))
      .filter((action: string) => action.startsWith('secretsmanager:'))
      .sort();
  };
  return { resources, ofType, functionId, secretActionsOf };
};

const stack = synthesize();
const [secretId, secret] = stack.ofType('AWS::SecretsManager::Secret')[0]!;

describe('link-signing key', () => {
  it('outlives the stack, like the table: deleting or replacing it would invalidate every outstanding link', () => {
    expect(secret).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('is rotated every 90 days by rotate-signing-key', () => {
    const schedules = stack.ofType('AWS::SecretsManager::RotationSchedule');
    expect(schedules).toHaveLength(1);
    expect(schedules[0]![1].Properties).toMatchObject({
      SecretId: { Ref: secretId },
      RotationLambdaARN: { 'Fn::GetAtt': [stack.functionId('rotate-signing-key'), 'Arn'] },
      RotationRules: { ScheduleExpression: 'rate(90 days)' },
    });
  });

  it('lets Secrets Manager, and only it, invoke the rotation function', () => {
    const invokers = stack
      .ofType('AWS::Lambda::Permission')
      .filter(([, p]) => JSON.stringify(p.Properties.FunctionName).includes(stack.functionId('rotate-signing-key')));
    expect(invokers.map(([, p]) => p.Properties.Principal)).toEqual(['secretsmanager.amazonaws.com']);
  });

  it('keeps retired keys as long as the longest link lives', () => {
    const variables = (resources: Record<string, Resource>, id: string) => resources[id]!.Properties.Environment.Variables;
    expect(variables(stack.resources, stack.functionId('rotate-signing-key')).LINK_LIFETIME_DAYS).toBe('180');
    const longer = synthesize({ statusTokenTtlDays: 365, signingKeyRotationDays: 30 });
    expect(variables(longer.resources, longer.functionId('rotate-signing-key')).LINK_LIFETIME_DAYS).toBe('365');
    expect(longer.ofType('AWS::SecretsManager::RotationSchedule')[0]![1].Properties.RotationRules.ScheduleExpression).toBe('rate(30 days)');
  });

  it.each([
    [
      'rotate-signing-key',
      [
        'secretsmanager:DescribeSecret',
        'secretsmanager:GetRandomPassword',
        'secretsmanager:GetSecretValue',
        'secretsmanager:PutSecretValue',
        'secretsmanager:UpdateSecretVersionStage',
      ],
    ],
    ['submit-complaint', ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue']],
    ['complaint-status', ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue']],
  ])('lets %s do only %j on secrets', (service, actions) => {
    expect(stack.secretActionsOf(service)).toEqual(actions);
  });
});
