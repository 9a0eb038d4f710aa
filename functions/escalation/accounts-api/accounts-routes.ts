import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { accountTeamBodySchema, accountUserName, newAccountBodySchema } from '../contracts/accounts-api.ts';
import { verifiedTokenClaims } from '../adapters/verified-token-claims.ts';
import { SupervisorAccessError } from '../core/errors.ts';
import { type AccountDependencies, AccountError, createAccount, disableAccount, enableAccount, moveAccount } from '../core/supervisor-accounts.ts';
import { highestRole, supervisorIdentity } from '../core/supervisor-identity.ts';
import { jsonResponse } from '../../platform/http/json-response.ts';
import { readJsonBody } from '../../platform/http/read-json-body.ts';
import { RequestError } from '../../platform/http/request-errors.ts';
import { ownValue } from '../../platform/own-value.ts';

export interface AccountsRoutesDependencies extends AccountDependencies {
  readonly now: () => Date;
}

/** The admin calling, from the token the gateway verified; anyone else is refused before anything is read. */
const adminOf = (event: APIGatewayProxyEventV2): string => {
  const identity = supervisorIdentity(verifiedTokenClaims(event));
  if (highestRole(identity) !== 'admin') throw new SupervisorAccessError('forbidden', 'Only an admin creates, moves, disables and enables accounts.');
  return identity.userId;
};

const userOf = (event: APIGatewayProxyEventV2): string => {
  const parsed = accountUserName.safeParse(event.pathParameters?.['id']);
  if (!parsed.success) throw new AccountError('account_not_found', 'The user pool has no user of this name.');
  return parsed.data;
};

/**
 * The accounts API's routes by `routeKey` (admins only): people's sign-in accounts and their place
 * in the directory, changed together by the core (`supervisor-accounts.ts`) as `npm run admin`
 * changes them.
 *
 * @example
 * ```ts
 * const handle = accountsRoutes({ pool: cognitoAccountPool(cognito, poolId), directory, now: () => new Date() });
 * ```
 */
export const accountsRoutes = (deps: AccountsRoutesDependencies) => {
  const routes: Record<string, (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>> = {
    'POST /accounts': async (event) => {
      const by = adminOf(event);
      const account = readJsonBody(event, newAccountBodySchema);
      await createAccount(deps, account, { by, now: deps.now() });
      return jsonResponse(201, { user: account.user, outcome: 'created' });
    },
    'PUT /accounts/{id}/team': async (event) => {
      const by = adminOf(event);
      const user = userOf(event);
      const { team } = readJsonBody(event, accountTeamBodySchema);
      await moveAccount(deps, user, team, { by, now: deps.now() });
      return jsonResponse(200, { user, outcome: 'moved' });
    },
    'POST /accounts/{id}/disable': async (event) => {
      const by = adminOf(event);
      const user = userOf(event);
      const { markedAway } = await disableAccount(deps, user, { by, now: deps.now() });
      return jsonResponse(200, { user, outcome: 'disabled', markedAway });
    },
    'POST /accounts/{id}/enable': async (event) => {
      adminOf(event);
      const user = userOf(event);
      await enableAccount(deps, user);
      return jsonResponse(200, { user, outcome: 'enabled' });
    },
  };
  return async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    const route = ownValue(routes, event.routeKey);
    if (route === undefined) throw new RequestError(404, 'route_not_found', `No accounts route ${event.routeKey}.`);
    return route(event);
  };
};
