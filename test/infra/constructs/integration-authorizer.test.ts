import { describe, expect, it } from 'vitest';
import { synthesizedPipeline } from '../helpers/synthesized-pipeline.ts';

const { template, resources, resourcesOfType, functionByService, logicalIdOf } = synthesizedPipeline();

const authorizerFunction = functionByService('authorize-integration');
const secretRef = authorizerFunction.Properties.Environment.Variables.INTEGRATION_KEY_SECRET_ARN;

describe('IntegrationAuthorizer', () => {
  it('keeps the integration key in a CloudFormation-generated secret that outlives the stack', () => {
    expect(secretRef).toEqual({ Ref: expect.stringMatching(/^IntegrationSecret/) });
    const secret = resources[secretRef.Ref]!;
    expect(secret.Properties.GenerateSecretString.PasswordLength).toBeGreaterThanOrEqual(48);
    expect(secret.Properties.SecretString).toBeUndefined();
    expect(secret).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('reads the key at most every 5 minutes, so a retired key stops working within that and the 5-minute result cache, and outputs the secret for rotation', () => {
    expect(authorizerFunction.Properties.Environment.Variables.INTEGRATION_KEY_MAX_AGE_SECONDS).toBe('300');
    template.hasOutput('IntegrationKeySecretArn', { Value: secretRef });
  });

  it('is a REQUEST authorizer with simple responses on the Authorization header, cached 5 minutes', () => {
    const authorizers = resourcesOfType('AWS::ApiGatewayV2::Authorizer').filter(([, a]) => a.Properties.AuthorizerType === 'REQUEST');
    expect(authorizers).toHaveLength(1);
    const [, authorizer] = authorizers[0]!;
    expect(authorizer.Properties).toMatchObject({
      AuthorizerType: 'REQUEST',
      AuthorizerPayloadFormatVersion: '2.0',
      EnableSimpleResponses: true,
      IdentitySource: ['$request.header.Authorization'],
      AuthorizerResultTtlInSeconds: 300,
    });
    expect(JSON.stringify(authorizer.Properties.AuthorizerUri)).toContain(logicalIdOf(authorizerFunction));
  });

  it('lets API Gateway invoke the authorizer function, and only from this API authorizer', () => {
    const functionId = logicalIdOf(authorizerFunction);
    const permissions = resourcesOfType('AWS::Lambda::Permission').filter(([, p]) => p.Properties.FunctionName?.['Fn::GetAtt']?.[0] === functionId);
    expect(permissions).toHaveLength(1);
    expect(permissions[0]![1].Properties.Principal).toBe('apigateway.amazonaws.com');
    expect(JSON.stringify(permissions[0]![1].Properties.SourceArn)).toContain('/authorizers/');
  });

  it('gives the authorizer function read access to the secret and nothing else of it', () => {
    type Statement = { Action: string | string[]; Resource: unknown };
    const statements = resourcesOfType('AWS::IAM::Policy').flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);
    const actions = statements.filter((s) => JSON.stringify(s.Resource).includes(secretRef.Ref)).flatMap((s) => s.Action);
    expect(new Set(actions)).toEqual(new Set(['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret']));
  });
});
