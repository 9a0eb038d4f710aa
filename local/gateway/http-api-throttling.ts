import { resourcesOfType, type CfnTemplate } from '../template/cloudformation-template.ts';
import { TokenBucket, type ThrottleLimits } from './token-bucket.ts';

/** The throttling a stage states: its DefaultRouteSettings and the RouteSettings of single routes. */
export interface HttpApiThrottling {
  readonly defaultRoute?: ThrottleLimits;
  readonly routes: Readonly<Record<string, ThrottleLimits>>;
}

/**
 * Reads the throttling of the first HTTP API stage of the template. A limit left out of a
 * route's RouteSettings is taken from DefaultRouteSettings: AWS documents route settings as
 * overriding the stage's, but not field by field, so this is our reading.
 *
 * @example
 * readHttpApiThrottling(template); // { defaultRoute: { rateLimit: 50, burstLimit: 100 }, routes: {} }
 */
export function readHttpApiThrottling(template: CfnTemplate): HttpApiThrottling {
  const [stage] = resourcesOfType(template, 'AWS::ApiGatewayV2::Stage');
  const defaults = (stage?.[1]['DefaultRouteSettings'] ?? {}) as Record<string, unknown>;
  const defaultRoute = limitsOf(defaults, {});
  const routes: Record<string, ThrottleLimits> = {};
  for (const [routeKey, settings] of Object.entries((stage?.[1]['RouteSettings'] ?? {}) as Record<string, Record<string, unknown>>)) {
    const limits = limitsOf(settings, defaults);
    if (limits !== undefined) routes[routeKey] = limits;
  }
  return { ...(defaultRoute === undefined ? {} : { defaultRoute }), routes };
}

function limitsOf(settings: Record<string, unknown>, fallback: Record<string, unknown>): ThrottleLimits | undefined {
  const rateLimit = settings['ThrottlingRateLimit'] ?? fallback['ThrottlingRateLimit'];
  const burstLimit = settings['ThrottlingBurstLimit'] ?? fallback['ThrottlingBurstLimit'];
  if (rateLimit === undefined && burstLimit === undefined) return undefined;
  // A stage that sets only one of the two leaves the other to the account's limit.
  return { rateLimit: Number(rateLimit ?? accountLimits.rateLimit), burstLimit: Number(burstLimit ?? accountLimits.burstLimit) };
}

/** API Gateway's default account-level throttle per Region (the quotas page: 10,000 rps, burst 5,000). */
const accountLimits: ThrottleLimits = { rateLimit: 10_000, burstLimit: 5_000 };

/**
 * One token bucket per route: HTTP APIs call the stage's limits *default route* settings, the
 * limits each route has unless it sets its own, so a burst on one route leaves another's
 * tokens alone.
 *
 * @example
 * const throttle = routeThrottle(readHttpApiThrottling(template), () => performance.now());
 * if (!throttle('POST /feedback')) return tooManyRequests;
 */
export function routeThrottle(throttling: HttpApiThrottling, nowMs: () => number): (routeKey: string) => boolean {
  const buckets = new Map<string, TokenBucket | undefined>();
  return (routeKey) => {
    if (!buckets.has(routeKey)) {
      const limits = throttling.routes[routeKey] ?? throttling.defaultRoute;
      buckets.set(routeKey, limits === undefined ? undefined : new TokenBucket(limits, nowMs()));
    }
    return buckets.get(routeKey)?.take(nowMs()) ?? true;
  };
}
