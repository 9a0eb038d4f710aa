import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { createRemoteJWKSet, decodeProtectedHeader, type JWTPayload, jwtVerify } from 'jose';
import type { HttpApiJwtAuthorizer } from './http-api-authorizers.ts';
import { type AuthorizerDecision, forbidden } from './lambda-authorizer.ts';
import type { HttpResponseParts } from './to-http-response.ts';

/** API Gateway's 401 to a JWT route, with the RFC 6750 header it sends. */
const unauthorized = (description: string): HttpResponseParts => ({
  statusCode: 401,
  headers: { 'content-type': 'application/json', 'www-authenticate': `Bearer scope="" error="invalid_token" error_description="${description}"` },
  cookies: [],
  body: Buffer.from(JSON.stringify({ message: 'Unauthorized' })),
});

/**
 * A claim as API Gateway passes it in payload 2.0: every value a string, arrays as
 * `[a b c]` (brackets, space-separated, as Cognito's `cognito:groups` arrives), objects as JSON.
 *
 * @internal exported for its tests only
 */
export const claimAsString = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(claimAsString).join(' ')}]`;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
};

/**
 * Runs HTTP API JWT authorizers as API Gateway documents them ("Control access to HTTP APIs with
 * JWT authorizers in API Gateway", the workflow's steps): the token from the identity source (bare
 * or after `Bearer `); its algorithm (RSA only) and signature against the issuer's JWKS (found
 * through the issuer's `/.well-known/openid-configuration`, fetched once, keys cached by jose); then
 * each claim the page lists:
 *
 * - `kid` (header): present, and a key of the JWKS;
 * - `iss`: the authorizer's issuer;
 * - `aud`, or `client_id` only when there is no `aud`: one of the authorizer's audiences;
 * - `exp`: after now; `iat`: not after now. Both are required here: the page lists them as checks
 *   without saying whether a token may leave them out, every Cognito token carries both, and the
 *   stricter reading means a token that works locally works on AWS;
 * - `nbf`: not after now, when present (Cognito issues none, and API Gateway accepts its tokens);
 * - `scope` or `scp`: at least one of the route's scopes, when the route names any.
 *
 * Any failure is `401 {"message":"Unauthorized"}`; a token lacking every scope the route asks for
 * is `403 {"message":"Forbidden"}`. The verified claims go to the function as
 * `requestContext.authorizer.jwt` (`claims` as strings, `scopes`).
 *
 * @example
 * const authorize = jwtAuthorizer();
 * const decision = await authorize(route.authorizer, event, route.authorizationScopes);
 */
export function jwtAuthorizer(): (authorizer: HttpApiJwtAuthorizer, event: APIGatewayProxyEventV2, scopes: readonly string[]) => Promise<AuthorizerDecision> {
  const keySets = new Map<string, Promise<ReturnType<typeof createRemoteJWKSet>>>();
  const keySetOf = (discoveryUrl: string) => {
    let keySet = keySets.get(discoveryUrl);
    if (keySet === undefined) {
      keySet = fetch(discoveryUrl)
        .then((response) => response.json() as Promise<{ jwks_uri?: string }>)
        .then(({ jwks_uri }) => createRemoteJWKSet(new URL(String(jwks_uri)), { timeoutDuration: 3_000 }));
      // A failed discovery is tried again on the next request rather than remembered.
      keySet.catch(() => keySets.delete(discoveryUrl));
      keySets.set(discoveryUrl, keySet);
    }
    return keySet;
  };
  return async (authorizer, event, scopes) => {
    const source = authorizer.identitySource[0] ?? '$request.header.Authorization';
    const name = /^\$request\.header\.(.+)$/.exec(source)?.[1]?.toLowerCase() ?? 'authorization';
    const token = event.headers[name]?.replace(/^\s*bearer\s+/i, '').trim();
    if (!token) return { allowed: false, response: unauthorized('no token') };
    let payload: JWTPayload;
    try {
      // jose would pick the JWKS's only key for a token without kid; API Gateway needs the kid.
      if (typeof decodeProtectedHeader(token).kid !== 'string') return { allowed: false, response: unauthorized('the token has no kid') };
      ({ payload } = await jwtVerify(token, await keySetOf(`${authorizer.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`), {
        issuer: authorizer.issuer,
        algorithms: ['RS256', 'RS384', 'RS512'],
        requiredClaims: ['exp', 'iat'],
      }));
    } catch {
      return { allowed: false, response: unauthorized('the token is not valid') };
    }
    // API Gateway reads client_id only when there is no aud.
    const audiences = payload.aud === undefined ? [payload['client_id']] : [payload.aud].flat();
    if (!audiences.some((audience) => typeof audience === 'string' && authorizer.audience.includes(audience))) {
      return { allowed: false, response: unauthorized('the token does not have a valid audience') };
    }
    // jose checks that iat is a number, not that it has passed.
    if (payload.iat === undefined || payload.iat > Date.now() / 1000) return { allowed: false, response: unauthorized('the token is not valid yet') };
    const tokenScopes = String(payload['scope'] ?? payload['scp'] ?? '')
      .split(' ')
      .filter(Boolean);
    if (scopes.length > 0 && !scopes.some((scope) => tokenScopes.includes(scope))) return { allowed: false, response: forbidden };
    const claims = Object.fromEntries(Object.entries(payload).map(([claim, value]) => [claim, claimAsString(value)]));
    return { allowed: true, context: { jwt: { claims, scopes: tokenScopes.length > 0 ? tokenScopes : null } } };
  };
}
