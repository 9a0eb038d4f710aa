import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { localAccountId, localRegion } from '../emulators/local-aws.ts';
import type { HttpApiAuthorizer } from './http-api-authorizers.ts';
import { internalServerError, type HttpResponseParts } from './to-http-response.ts';

/** The route may run, with the authorizer's `context` for `requestContext.authorizer.lambda`; or API Gateway's own answer. */
export type AuthorizerDecision =
  | { readonly allowed: true; readonly context?: Record<string, unknown> }
  | { readonly allowed: false; readonly response: HttpResponseParts };

const gatewayAnswer = (statusCode: number, message: string): HttpResponseParts => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  cookies: [],
  body: Buffer.from(JSON.stringify({ message })),
});

const unauthorized = gatewayAnswer(401, 'Unauthorized');
export const forbidden = gatewayAnswer(403, 'Forbidden');

/** How long API Gateway waits for a Lambda authorizer's answer, its cold start included (HTTP API quotas). */
const AUTHORIZER_RESPONSE_LIMIT_MS = 10_000;

interface CachedResult {
  readonly isAuthorized: boolean;
  readonly context?: Record<string, unknown>;
  readonly expiresAt: number;
}

/**
 * Runs HTTP API Lambda authorizers as API Gateway does: a missing or empty identity source is a
 * 401 without invoking the function; otherwise the payload 2.0 authorizer event goes to the
 * function, and `isAuthorized: false` is a 403, an error, a malformed answer or none within 10 s a
 * 500. Answers are cached per authorizer and identity source values for its TTL (none with TTL 0).
 * The 10 s caps the function's own limits: Lambda would give its cold start 10 s and its handler
 * the function's timeout, but API Gateway fails the request at 10 s.
 *
 * @example
 * const authorize = lambdaAuthorizer(invoke, () => performance.now());
 * const decision = await authorize(route.authorizer, event);
 */
export function lambdaAuthorizer(
  invoke: (functionName: string, event: unknown) => Promise<unknown>,
  nowMs: () => number,
): (authorizer: HttpApiAuthorizer, event: APIGatewayProxyEventV2) => Promise<AuthorizerDecision> {
  const cache = new Map<string, CachedResult>();
  return async (authorizer, event) => {
    const identity = authorizer.identitySource.map((source) => identityValue(source, event));
    if (identity.some((value) => value === undefined || value === '')) return { allowed: false, response: unauthorized };
    const identityValues = identity as string[];
    const key = JSON.stringify([authorizer.logicalId, identityValues]);
    // With no identity source there is nothing to key the cache on: API Gateway then requires TTL 0.
    const cacheable = authorizer.resultTtlSeconds > 0 && identityValues.length > 0;
    let result = cacheable ? cache.get(key) : undefined;
    if (result === undefined || result.expiresAt <= nowMs()) {
      cache.delete(key);
      let answer: unknown;
      let timer: NodeJS.Timeout | undefined;
      try {
        answer = await Promise.race([
          invoke(authorizer.functionName, authorizerEvent(event, identityValues)),
          new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('no answer within the limit')), AUTHORIZER_RESPONSE_LIMIT_MS))),
        ]);
      } catch {
        return { allowed: false, response: internalServerError };
      } finally {
        clearTimeout(timer);
      }
      const simple = simpleResponse(answer);
      if (simple === undefined) return { allowed: false, response: internalServerError };
      result = { ...simple, expiresAt: nowMs() + authorizer.resultTtlSeconds * 1000 };
      if (cacheable) cache.set(key, result);
    }
    if (!result.isAuthorized) return { allowed: false, response: forbidden };
    return result.context === undefined ? { allowed: true } : { allowed: true, context: result.context };
  };
}

/** `$request.header.Name` (case-insensitive, the event's names are lower case) or `$request.querystring.name`. */
function identityValue(source: string, event: APIGatewayProxyEventV2): string | undefined {
  const [, where, name] = /^\$request\.(header|querystring)\.(.+)$/.exec(source) ?? [];
  if (name === undefined) return undefined;
  return where === 'header' ? event.headers[name.toLowerCase()] : event.queryStringParameters?.[name];
}

/** The payload 2.0 authorizer event: the request without its body, plus type, routeArn and identitySource. */
function authorizerEvent(event: APIGatewayProxyEventV2, identitySource: string[]): Record<string, unknown> {
  const { body: _body, isBase64Encoded: _isBase64Encoded, ...request } = event;
  const { apiId, stage, http } = event.requestContext;
  return {
    ...request,
    type: 'REQUEST',
    routeArn: `arn:aws:execute-api:${localRegion}:${localAccountId}:${apiId}/${stage}/${http.method}${event.rawPath}`,
    identitySource,
  };
}

function simpleResponse(answer: unknown): { isAuthorized: boolean; context?: Record<string, unknown> } | undefined {
  if (answer === null || typeof answer !== 'object') return undefined;
  const { isAuthorized, context } = answer as Record<string, unknown>;
  if (typeof isAuthorized !== 'boolean') return undefined;
  if (context === undefined || context === null) return { isAuthorized };
  if (typeof context !== 'object' || Array.isArray(context)) return undefined;
  return { isAuthorized, context: context as Record<string, unknown> };
}
