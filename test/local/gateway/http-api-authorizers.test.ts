import { describe, expect, it } from 'vitest';
import { localUserPoolValues } from '../../../local/auth/user-pool-values.ts';
import { readHttpApiAuthorizers } from '../../../local/gateway/http-api-authorizers.ts';
import { readHttpApiRoutes } from '../../../local/gateway/http-api-routes.ts';
import type { CfnTemplate } from '../../../local/template/cloudformation-template.ts';
import { mergeResourceValues } from '../../../local/template/resolve-intrinsics.ts';

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

describe('JWT authorizers on a user pool of the template', () => {
  // As HttpUserPoolAuthorizer synthesizes it.
  const jwtAuthorizerProps = {
    ApiId: { Ref: 'Api' },
    Name: 'supervisor-jwt',
    AuthorizerType: 'JWT',
    IdentitySource: ['$request.header.Authorization'],
    JwtConfiguration: {
      Audience: [{ Ref: 'Client' }],
      Issuer: { 'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', { Ref: 'Pool' }]] },
    },
  };
  const withUserPool = (authorizer: Record<string, unknown>, route: Record<string, unknown> = { AuthorizationType: 'JWT' }) => {
    const template = templateWith(authorizer, route);
    const resources = {
      ...template.Resources,
      Pool: { Type: 'AWS::Cognito::UserPool', Properties: {} },
      Client: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { Ref: 'Pool' } } },
    };
    return { Resources: resources } as CfnTemplate;
  };
  // What startLocalUserPool made of the template's pool: its issuer and the client's local id.
  const localIssuer = { url: 'http://127.0.0.1:40123/us-east-1_Pool', audience: 'localclientid' };
  const read = (template: CfnTemplate) => {
    const userPools = localUserPoolValues({
      pools: [{ logicalId: 'Pool', poolId: 'us-east-1_Pool', issuer: localIssuer.url, clients: new Map([['Client', localIssuer.audience]]) }],
    });
    const all = mergeResourceValues(withPartition, { refs: new Map([['AWS::Region', 'us-east-1']]), attributes: new Map() }, userPools.values);
    const authorizers = readHttpApiAuthorizers(template, all, functionNameOf, userPools.localIssuerOf);
    return { authorizers, routes: readHttpApiRoutes(template, all, functionNameOf, authorizers) };
  };

  it('checks tokens of the emulated pool in place of the user pool, for its client id in place of the app client', () => {
    const { authorizers } = read(withUserPool(jwtAuthorizerProps));
    expect([...authorizers.values()]).toEqual([
      {
        logicalId: 'Authorizer',
        name: 'supervisor-jwt',
        identitySource: ['$request.header.Authorization'],
        issuer: localIssuer.url,
        templateIssuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool',
        audience: ['localclientid'],
      },
    ]);
  });

  it('attaches it to a JWT route with the route scopes', () => {
    const { routes } = read(withUserPool(jwtAuthorizerProps, { AuthorizationType: 'JWT', AuthorizationScopes: ['reports/read'] }));
    expect(routes).toEqual([
      expect.objectContaining({ authorizer: expect.objectContaining({ issuer: localIssuer.url }), authorizationScopes: ['reports/read'] }),
    ]);
  });

  it('refuses to start with a JWT authorizer trusting an issuer outside the template', () => {
    const external = { ...jwtAuthorizerProps, JwtConfiguration: { Audience: ['x'], Issuer: 'https://login.example.com' } };
    expect(() => read(withUserPool(external))).toThrow(
      expect.objectContaining({ code: 'unsupported_authorizer', message: expect.stringContaining('login.example.com') }),
    );
  });

  it('refuses a CUSTOM route bound to a JWT authorizer', () => {
    expect(() => read(withUserPool(jwtAuthorizerProps, { AuthorizationType: 'CUSTOM' }))).toThrow(expect.objectContaining({ code: 'unsupported_authorizer' }));
  });
});
