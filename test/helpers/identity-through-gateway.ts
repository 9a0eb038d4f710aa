import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { verifiedTokenClaims } from '../../functions/escalation/adapters/verified-token-claims.ts';
import { type SupervisorIdentity, supervisorIdentity } from '../../functions/escalation/core/supervisor-identity.ts';
import { jwtAuthorizer } from '../../local/gateway/jwt-authorizer.ts';

/** The gateway's refusal of a token: its status (401, or 403 for a missing scope) and body. */
class GatewayRefusal extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: string,
  ) {
    super(`The gateway refused the token with ${statusCode}: ${body}`);
  }
}

/**
 * Who `token` names when it goes the way a console request goes: the local gateway's JWT
 * authorizer (API Gateway's checks against the issuer's discovery document and JWKS), then the
 * supervisor API's reading of the verified claims. Rejects with a {@link GatewayRefusal}.
 *
 * @example
 * await identityThroughGateway({ url: issuer.url, audience: issuer.audience }, token); // { userId, groups, team, ... }
 */
export async function identityThroughGateway(
  issuer: { readonly url: string; readonly audience: string },
  token: string | undefined,
): Promise<SupervisorIdentity> {
  const headers = token === undefined ? {} : { authorization: `Bearer ${token}` };
  const event = { headers, requestContext: {} } as unknown as APIGatewayProxyEventV2;
  const decision = await jwtAuthorizer()(
    {
      logicalId: 'SupervisorAuthorizer',
      name: 'supervisors',
      identitySource: ['$request.header.Authorization'],
      issuer: issuer.url,
      templateIssuer: issuer.url,
      audience: [issuer.audience],
    },
    event,
    [],
  );
  if (!decision.allowed) throw new GatewayRefusal(decision.response.statusCode, decision.response.body.toString());
  return supervisorIdentity(verifiedTokenClaims({ ...event, requestContext: { authorizer: decision.context } } as unknown as APIGatewayProxyEventV2));
}
