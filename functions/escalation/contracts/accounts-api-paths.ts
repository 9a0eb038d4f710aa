import { error, json } from '../../platform/http/openapi-parts.ts';
import { accountAnswerSchema, accountTeamBodySchema, newAccountBodySchema } from './accounts-api.ts';

/** The route keys the accounts API serves: its own function, the one with the user pool's admin rights. */
export const accountRouteKeys = ['POST /accounts', 'PUT /accounts/{id}/team', 'POST /accounts/{id}/disable', 'POST /accounts/{id}/enable'] as const;

const security = [{ supervisorToken: [] as string[] }];
const refusals = {
  '401': { description: 'No valid token: `{"message":"Unauthorized"}` from API Gateway' },
  '403': error('forbidden: only an admin runs accounts'),
};
const userParameter = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: "The account's user name" };
const toggle = (operationId: string, summary: string) => ({
  post: {
    operationId,
    summary,
    security,
    parameters: [userParameter],
    responses: { '200': { description: 'Done', content: json(accountAnswerSchema) }, ...refusals, '404': error('account_not_found') },
  },
});

/** The accounts API's part of the OpenAPI document. */
export const accountsApiPaths = {
  '/accounts': {
    post: {
      operationId: 'createAccount',
      summary:
        'Create a person (admins): an account in the user pool, which emails a temporary password (the first sign-in sets their own), in the group of their role; a supervisor joins the end of their team’s round-robin, a lead replaces the team’s lead. Audited in the directory',
      security,
      requestBody: { required: true, content: json(newAccountBodySchema, 'input') },
      responses: {
        '201': { description: 'Created', content: json(accountAnswerSchema) },
        '400': error('invalid_json, validation_failed, unknown_team or already_listed'),
        ...refusals,
        '409': error('account_exists'),
      },
    },
  },
  '/accounts/{id}/team': {
    put: {
      operationId: 'moveAccount',
      summary: "Move a supervisor to another team (admins): the end of its round-robin, and the account's team from their next sign-in. Audited",
      security,
      parameters: [userParameter],
      requestBody: { required: true, content: json(accountTeamBodySchema, 'input') },
      responses: {
        '200': { description: 'Moved', content: json(accountAnswerSchema) },
        '400': error('invalid_json, validation_failed, unknown_team, unknown_person (no supervisor of any team) or last_supervisor'),
        ...refusals,
        '404': error('account_not_found'),
      },
    },
  },
  '/accounts/{id}/disable': toggle(
    'disableAccount',
    'Disable an account (admins): no sign-in or refresh (an issued token lasts its hour at most); a person in the directory is marked away',
  ),
  '/accounts/{id}/enable': toggle('enableAccount', 'Let a disabled account sign in again (admins); being away is left as it is'),
};
