import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { HttpApiAuthorizer } from './http-api-authorizers.ts';
import type { HttpApiRoute } from './http-api-routes.ts';
import type { jwtAuthorizer } from './jwt-authorizer.ts';
import type { lambdaAuthorizer } from './lambda-authorizer.ts';
import type { HttpResponseParts } from './to-http-response.ts';

/** The route may run, with what its authorizer passes on as `requestContext.authorizer` (none without one); or API Gateway's own answer. */
export type RouteAuthorization =
  | { readonly allowed: true; readonly authorizer?: Record<string, unknown> }
  | { readonly allowed: false; readonly response: HttpResponseParts };

/**
 * Sends a request for a route with an authorizer to the authorizer of its kind (a JWT authorizer
 * names an issuer, a Lambda one a function) and shapes what it passes on as API Gateway does in
 * payload 2.0: a simple response's `context` as `requestContext.authorizer.lambda` (`{}` without
 * one), a JWT authorizer's verified claims as `requestContext.authorizer.jwt`.
 *
 * @example
 * const authorize = authorizeRoute(lambdaAuthorizer(invoke, () => performance.now()), jwtAuthorizer());
 * const authorization = await authorize(route, event);
 * if (authorization.allowed && authorization.authorizer) Object.assign(event.requestContext, { authorizer: authorization.authorizer });
 */
export function authorizeRoute(
  lambda: ReturnType<typeof lambdaAuthorizer>,
  jwt: ReturnType<typeof jwtAuthorizer>,
): (route: HttpApiRoute, event: APIGatewayProxyEventV2) => Promise<RouteAuthorization> {
  return async (route, event) => {
    const { authorizer } = route;
    if (authorizer === undefined) return { allowed: true };
    if ('issuer' in authorizer) {
      const decision = await jwt(authorizer, event, route.authorizationScopes ?? []);
      return decision.allowed ? { allowed: true, authorizer: decision.context ?? {} } : decision;
    }
    const decision = await lambda(authorizer as HttpApiAuthorizer, event);
    return decision.allowed ? { allowed: true, authorizer: { lambda: decision.context ?? {} } } : decision;
  };
}
