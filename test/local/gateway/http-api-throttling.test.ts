import { describe, expect, it } from 'vitest';
import type { CfnTemplate } from '../../../local/template/cloudformation-template.ts';
import { readHttpApiThrottling, routeThrottle } from '../../../local/gateway/http-api-throttling.ts';

const templateWithStage = (properties: Record<string, unknown>): CfnTemplate => ({
  Resources: { Stage: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'Api' }, StageName: '$default', ...properties } } },
});

describe('readHttpApiThrottling', () => {
  it('reads the stage default and the per-route settings, a missing field falling back to the default', () => {
    const template = templateWithStage({
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      RouteSettings: { 'POST /feedback': { ThrottlingRateLimit: 5 }, 'GET /x': { DetailedMetricsEnabled: true } },
    });

    expect(readHttpApiThrottling(template)).toEqual({
      defaultRoute: { rateLimit: 50, burstLimit: 100 },
      routes: { 'POST /feedback': { rateLimit: 5, burstLimit: 100 }, 'GET /x': { rateLimit: 50, burstLimit: 100 } },
    });
  });

  it.each([
    ['no stage', { Resources: {} }],
    ['a stage without throttling', templateWithStage({ AutoDeploy: true })],
  ])('finds no throttling in a template with %s', (_name, template) => {
    expect(readHttpApiThrottling(template)).toEqual({ routes: {} });
  });
});

describe('routeThrottle', () => {
  it('gives each route its own bucket', () => {
    const throttle = routeThrottle({ defaultRoute: { rateLimit: 0, burstLimit: 2 }, routes: {} }, () => 0);

    const complaints = [throttle('POST /complaints'), throttle('POST /complaints'), throttle('POST /complaints')];
    const feedback = [throttle('POST /feedback'), throttle('POST /feedback'), throttle('POST /feedback')];

    expect(complaints).toEqual([true, true, false]);
    expect(feedback).toEqual([true, true, false]);
  });

  it('applies a route setting over the stage default', () => {
    const throttle = routeThrottle({ defaultRoute: { rateLimit: 0, burstLimit: 5 }, routes: { 'POST /feedback': { rateLimit: 0, burstLimit: 1 } } }, () => 0);

    expect([throttle('POST /feedback'), throttle('POST /feedback')]).toEqual([true, false]);
  });

  it('lets everything through when the stage states no throttling', () => {
    const throttle = routeThrottle({ routes: {} }, () => 0);

    expect(Array.from({ length: 1000 }, () => throttle('$default')).every(Boolean)).toBe(true);
  });
});
