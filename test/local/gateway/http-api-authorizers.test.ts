import { describe, expect, it } from 'vitest';
import { readHttpApiAuthorizers } from '../../../local/gateway/http-api-authorizers.ts';
import { readHttpApiRoutes } from '../../../local/gateway/http-api-routes.ts';
import type { CfnTemplate } from '../../../local/template/cloudformation-template.ts';

const functionArn = 'arn:aws:lambda:us-east-1:000000000000:function:authorize';
const values = {
  refs: new Map<string, string>(),
  attributes: new Map([
    ['AuthorizeFn.Arn', functionArn],
    ['RouteFn.Arn', 'arn:aws:lambda:us-east-1:000000000000:function:resolved'],
  ]),
};
const functionNameOf = (arn: string) => ({ [functionArn]: 'authorize', 'arn:aws:lambda:us-east-1:000000000000:function:resolved': 'resolved' })[arn];

// As HttpAuthorizer synthesizes it (CDK's HttpLambdaAuthorizer gives the same properties).
const lambdaAuthorizerProps = {
  ApiId: { Ref: 'Api' },
  Name: 'integration-key',
  AuthorizerType: 'REQUEST',
  AuthorizerPayloadFormatVersion: '2.0',
  EnableSimpleResponses: true,
  IdentitySource: ['$request.header.Authorization'],
  AuthorizerResultTtlInSeconds: 300,
  AuthorizerUri: {
    'Fn::Join': [
      '',
      ['arn:', { Ref: 'AWS::Partition' }, ':apigateway:us-east-1:lambda:path/2015-03-31/functions/', { 'Fn::GetAtt': ['AuthorizeFn', 'Arn'] }, '/invocations'],
    ],
  },
};

const templateWith = (authorizer: Record<string, unknown>, route: Record<string, unknown> = {}): CfnTemplate =>
  ({
    Resources: {
      Authorizer: { Type: 'AWS::ApiGatewayV2::Authorizer', Properties: authorizer },
      Integration: {
        Type: 'AWS::ApiGatewayV2::Integration',
        Properties: { ApiId: { Ref: 'Api' }, IntegrationType: 'AWS_PROXY', IntegrationUri: { 'Fn::GetAtt': ['RouteFn', 'Arn'] } },
      },
      Route: {
        Type: 'AWS::ApiGatewayV2::Route',
        Properties: {
          ApiId: { Ref: 'Api' },
          RouteKey: 'POST /cases/resolved',
          Target: { 'Fn::Join': ['', ['integrations/', { Ref: 'Integration' }]] },
          AuthorizationType: 'CUSTOM',
          AuthorizerId: { Ref: 'Authorizer' },
          ...route,
        },
      },
    },
  }) as unknown as CfnTemplate;

const withPartition = { ...values, refs: new Map([['AWS::Partition', 'aws']]) };

describe('readHttpApiAuthorizers', () => {
  it('reads a Lambda REQUEST authorizer: its function, identity source and TTL', () => {
    const authorizers = readHttpApiAuthorizers(templateWith(lambdaAuthorizerProps), withPartition, functionNameOf);
    expect([...authorizers.values()]).toEqual([
      { logicalId: 'Authorizer', name: 'integration-key', functionName: 'authorize', identitySource: ['$request.header.Authorization'], resultTtlSeconds: 300 },
    ]);
  });

  it.each([
    ['a JWT authorizer', { AuthorizerType: 'JWT' }],
    ['IAM policy responses', { EnableSimpleResponses: false }],
    ['payload format 1.0', { AuthorizerPayloadFormatVersion: '1.0' }],
    ['a $context identity source', { IdentitySource: ['$context.identity.sourceIp'] }],
    [
      'a function not in the template',
      { AuthorizerUri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:x/invocations' },
    ],
  ])('refuses to start with %s rather than serve its routes unchecked', (_name, change) => {
    expect(() => readHttpApiAuthorizers(templateWith({ ...lambdaAuthorizerProps, ...change }), withPartition, functionNameOf)).toThrow(
      expect.objectContaining({ code: 'unsupported_authorizer' }),
    );
  });
});

describe('readHttpApiRoutes with authorizers', () => {
  it('attaches the authorizer of a CUSTOM route', () => {
    const template = templateWith(lambdaAuthorizerProps);
    const routes = readHttpApiRoutes(template, withPartition, functionNameOf, readHttpApiAuthorizers(template, withPartition, functionNameOf));
    expect(routes).toEqual([
      expect.objectContaining({
        routeKey: 'POST /cases/resolved',
        functionName: 'resolved',
        authorizer: expect.objectContaining({ functionName: 'authorize' }),
      }),
    ]);
  });

  it('leaves a route without authorization open', () => {
    const template = templateWith(lambdaAuthorizerProps, { AuthorizationType: 'NONE', AuthorizerId: undefined });
    const [route] = readHttpApiRoutes(template, withPartition, functionNameOf, readHttpApiAuthorizers(template, withPartition, functionNameOf));
    expect(route).not.toHaveProperty('authorizer');
  });

  it.each(['AWS_IAM', 'JWT'])('refuses a route with %s authorization it cannot check', (authorizationType) => {
    const template = templateWith(lambdaAuthorizerProps, { AuthorizationType: authorizationType });
    expect(() => readHttpApiRoutes(template, withPartition, functionNameOf, readHttpApiAuthorizers(template, withPartition, functionNameOf))).toThrow(
      expect.objectContaining({ code: 'unsupported_authorizer' }),
    );
  });
});
