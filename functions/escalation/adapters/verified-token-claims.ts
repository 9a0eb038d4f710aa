import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { decodeJwt } from 'jose';
import { SupervisorAccessError } from '../core/errors.ts';

// One compact JWS, bare or after `Bearer ` (the two forms API Gateway's JWT authorizer accepts).
// A repeated Authorization header reaches the function joined with a comma and does not match.
const BEARER_JWT = /^(?:bearer\s+)?([\w-]+\.[\w-]+\.[\w-]*)$/i;

const unverified = (message: string) => new SupervisorAccessError('invalid_token', message, { reason: 'unverified_token' });

/**
 * The claims of the supervisor token API Gateway's JWT authorizer verified, as the token holds
 * them. The authorizer passes its claims on as strings (`requestContext.authorizer.jwt.claims`),
 * arrays flattened to `[a b]`, so `cognito:groups` of `["x admin"]` and of `["x", "admin"]` read
 * the same there. The authorizer has verified the very token in the `Authorization` header (its
 * identity source) before the function runs, so this decodes that token's payload (no second
 * signature check) and makes sure it is that token: every claim the authorizer passed on as a
 * plain value must be the token's claim of the same name. Anything else is `invalid_token`.
 *
 * @example
 * ```ts
 * supervisorIdentity(verifiedTokenClaims(event)); // 'cognito:groups' as the array the token holds
 * ```
 */
export const verifiedTokenClaims = (event: APIGatewayProxyEventV2): Record<string, unknown> => {
  const verified = (event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } }).authorizer?.jwt?.claims;
  if (verified === undefined) throw new SupervisorAccessError('invalid_token', 'This route needs a supervisor token.', { reason: 'missing' });
  const token = BEARER_JWT.exec(event.headers?.['authorization']?.trim() ?? '')?.[1];
  if (token === undefined) throw unverified('The Authorization header does not hold the one token that was verified.');
  let payload: Record<string, unknown>;
  try {
    payload = decodeJwt(token);
  } catch (error) {
    throw new SupervisorAccessError('invalid_token', 'The token in the Authorization header cannot be read.', { reason: 'malformed', cause: error });
  }
  // Arrays and objects are left out of the comparison: how API Gateway writes them is not documented
  // beyond examples, and scalar claims (sub, iss, aud, iat, exp, jti) already tell two tokens apart.
  for (const [name, value] of Object.entries(verified)) {
    const claim = Object.hasOwn(payload, name) ? payload[name] : undefined;
    const plain = typeof claim === 'string' || typeof claim === 'number' || typeof claim === 'boolean';
    if (claim === undefined || (plain && String(claim) !== value)) throw unverified('The token in the Authorization header is not the one that was verified.');
  }
  return payload;
};
