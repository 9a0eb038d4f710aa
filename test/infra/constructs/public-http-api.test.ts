import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { synthesizedPipeline } from '../helpers/synthesized-pipeline.ts';

const { template, resources, resourcesOfType, functionByService, logicalIdOf } = synthesizedPipeline();

describe('PublicHttpApi', () => {
  it.each(['POST /complaints', 'GET /complaints/status', 'POST /feedback', '$default'])('routes %s', (routeKey) => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: routeKey });
  });

  it('sends unknown routes to route-not-found', () => {
    const [, route] = resourcesOfType('AWS::ApiGatewayV2::Route').find(([, r]) => r.Properties.RouteKey === '$default')!;
    const integrationId = route.Properties.Target['Fn::Join'][1][1].Ref;
    const integration = resources[integrationId]!;
    expect(JSON.stringify(integration.Properties.IntegrationUri)).toContain(logicalIdOf(functionByService('route-not-found')));
  });

  it('lets web pages on any origin POST JSON with an Idempotency-Key or a bearer token, without credentials', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: {
        AllowOrigins: ['*'],
        AllowMethods: ['GET', 'POST'],
        AllowHeaders: ['content-type', 'idempotency-key', 'authorization'],
        AllowCredentials: Match.absent(),
      },
    });
  });

  it('throttles the default stage at 50 rps with a burst of 100', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
  });

  it('writes JSON access logs without source IP, user agent or query string', () => {
    const [, stage] = resourcesOfType('AWS::ApiGatewayV2::Stage')[0]!;
    const format: string = stage.Properties.AccessLogSettings.Format;
    expect(JSON.parse(format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
    expect(format).not.toMatch(/sourceIp|userAgent|querystring|\$context\.path|identity/i);
    expect(stage.Properties.AccessLogSettings.DestinationArn['Fn::GetAtt'][0]).toBeDefined();
  });

  it('outputs the API URL', () => {
    template.hasOutput('ApiUrl', {});
  });
});
