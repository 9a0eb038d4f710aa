import { describe, expect, it } from 'vitest';
import { readResources, type CfnTemplate } from '../../../local/template/cloudformation-template.ts';
import { TemplateShapeError } from '../../../local/template/template-shape-error.ts';

const templateWith = (logicalId: string, Type: string, Properties: Record<string, unknown>): CfnTemplate => ({
  Resources: { [logicalId]: { Type, Properties }, Other: { Type: 'AWS::IAM::Role', Properties: {} } },
});

describe('readResources', () => {
  it('applies Lambda defaults when the template leaves Timeout, MemorySize and Handler out', () => {
    const template = templateWith('Fn', 'AWS::Lambda::Function', { Code: { S3Key: 'abc.zip' } });

    const read = readResources(template, 'AWS::Lambda::Function');

    expect(read.map(([logicalId]) => logicalId)).toEqual(['Fn']);
    expect(read[0]?.[1]).toMatchObject({ Timeout: 3, MemorySize: 128, Handler: 'index.handler' });
  });

  it('keeps properties it does not read and leaves intrinsics for later resolution', () => {
    const template = templateWith('Mapping', 'AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': ['Queue', 'Arn'] },
      FunctionName: { Ref: 'Fn' },
      BatchSize: '5',
      Tags: [{ Key: 'team', Value: 'support' }],
    });

    const read = readResources(template, 'AWS::Lambda::EventSourceMapping');

    expect(read[0]?.[1]).toMatchObject({ EventSourceArn: { 'Fn::GetAtt': ['Queue', 'Arn'] }, BatchSize: 5, Tags: [{ Key: 'team', Value: 'support' }] });
  });

  it.each([
    ['AWS::Lambda::Function', { Timeout: 'soon', Code: {} }, 'Timeout'],
    ['AWS::Lambda::Function', { Handler: 'index.handler' }, 'Code'],
    ['AWS::SQS::Queue', { RedrivePolicy: { deadLetterTargetArn: 'arn' } }, 'RedrivePolicy.maxReceiveCount'],
    ['AWS::DynamoDB::Table', { KeySchema: [{ AttributeName: 'pk', KeyType: 'PRIMARY' }], AttributeDefinitions: [] }, 'KeySchema.0.KeyType'],
    ['AWS::ApiGatewayV2::Route', { ApiId: { Ref: 'Api' } }, 'RouteKey'],
    ['AWS::ApiGatewayV2::Stage', { ApiId: { Ref: 'Api' }, StageName: 7 }, 'StageName'],
    ['AWS::ApiGatewayV2::Api', { CorsConfiguration: { AllowOrigins: '*' } }, 'CorsConfiguration.AllowOrigins'],
    ['AWS::SecretsManager::Secret', { GenerateSecretString: { PasswordLength: -1 } }, 'GenerateSecretString.PasswordLength'],
  ] as const)('fails in one line naming the logical id when a %s has an unexpected shape', (type, properties, path) => {
    const template = templateWith('Odd', type, properties);

    const read = () => readResources(template, type);

    expect(read).toThrow(TemplateShapeError);
    expect(read).toThrow(new RegExp(`^${type} Odd cannot run locally: .*${path.replaceAll('.', '\\.')}: `));
    try {
      read();
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });
});
