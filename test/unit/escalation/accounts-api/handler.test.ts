import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  UsernameExistsException,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient, GetItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { captureOutput } from '../../../helpers/capture-output.ts';
import { errorBodyFor } from '../../../helpers/error-body-for.ts';
import { asVerifiedCaller, httpEvent, lambdaContext } from '../../../helpers/events.ts';
import { stubEnvironment } from '../../../helpers/stub-environment.ts';

// Cognito's refusals (a name taken between the check and the create, a user gone) cannot be
// produced on demand by the local pool: stubbed here, the happy path runs against it in integration.
const cognito = mockClient(CognitoIdentityProviderClient);
const dynamodb = mockClient(DynamoDBClient);
let handler: typeof import('../../../../functions/escalation/accounts-api/handler.ts').handler;

const directory = {
  head: { id: 'head-hugo', email: 'hugo@example.com' },
  teams: { 'japan-support': { supervisors: [{ id: 'sup-haruto', email: 'haruto@example.com' }], lead: { id: 'lead-kenji', email: 'kenji@example.com' } } },
};
const caller = (groups: string[]) => ({
  sub: '7d0c5d2e-4f61-4a0b-9c1e-2b8f3e6a9d10',
  'cognito:username': 'admin-grace',
  token_use: 'id',
  'cognito:groups': groups,
});
const call = (routeKey: string, options: { body?: string; id?: string; groups?: string[] } = {}) => {
  const [method, path] = routeKey.split(' ') as [string, string];
  const id = options.id ?? 'sup-mei';
  const event = { ...httpEvent({ method, path: path.replace('{id}', id), body: options.body }), routeKey, pathParameters: { id } };
  return handler(asVerifiedCaller(event, caller(options.groups ?? ['admin'])), lambdaContext('accounts-api'));
};
const mei = JSON.stringify({ user: 'sup-mei', name: 'Mei Ito', email: 'mei.ito@example.com', role: 'supervisor', team: 'japan-support' });

beforeAll(async () => {
  stubEnvironment({ TABLE_NAME: 'table', USER_POOL_ID: 'eu-west-1_pool', POWERTOOLS_SERVICE_NAME: 'accounts-api' });
  ({ handler } = await import('../../../../functions/escalation/accounts-api/handler.ts'));
});
beforeEach(() => {
  cognito.reset();
  dynamodb.reset();
  cognito.on(AdminGetUserCommand).rejects(new UserNotFoundException({ message: 'User does not exist.', $metadata: {} }));
  dynamodb.on(GetItemCommand).resolves({ Item: marshall({ pk: 'DIRECTORY', sk: 'CURRENT', directory, version: 3 }) });
  dynamodb.on(TransactWriteItemsCommand).resolves({});
});
afterEach(() => vi.restoreAllMocks());

describe('accounts-api', () => {
  it('creates a supervisor for an admin: the account with a verified address and the team, the group, the directory’s next version', async () => {
    const response = await call('POST /accounts', { body: mei });
    expect(response.statusCode).toBe(201);
    expect(JSON.parse(response.body as string)).toEqual({ user: 'sup-mei', outcome: 'created' });
    expect(cognito.commandCalls(AdminCreateUserCommand)[0]!.args[0].input).toMatchObject({
      UserPoolId: 'eu-west-1_pool',
      Username: 'sup-mei',
      DesiredDeliveryMediums: ['EMAIL'],
      UserAttributes: expect.arrayContaining([
        { Name: 'email_verified', Value: 'true' },
        { Name: 'custom:team', Value: 'japan-support' },
      ]),
    });
    expect(cognito.commandCalls(AdminAddUserToGroupCommand)[0]!.args[0].input).toMatchObject({ Username: 'sup-mei', GroupName: 'supervisor' });
    const writes = dynamodb.commandCalls(TransactWriteItemsCommand)[0]!.args[0].input.TransactItems!;
    expect(writes[0]!.Put!.Item!['version']).toEqual({ N: '4' });
    expect(writes[1]!.Put!.Item!['by']).toEqual({ S: 'admin-grace' });
  });

  it.each([['supervisor'], ['lead']])('refuses a %s with 403 before it reads or creates anything', async (group) => {
    const response = await call('POST /accounts', { body: mei, groups: [group] });
    expect(response.statusCode).toBe(403);
    expect(JSON.parse(response.body as string)).toEqual(errorBodyFor('forbidden'));
    expect([...cognito.calls(), ...dynamodb.calls()]).toHaveLength(0);
  });

  it.each([
    ['a user name with capitals', { user: 'Sup-Mei' }],
    ['a supervisor without a team', { team: undefined }],
    ['an unknown role', { role: 'owner' }],
    ['no address', { email: 'mei' }],
  ])('answers 400 validation_failed to %s, with nothing called', async (_case, change) => {
    const response = await call('POST /accounts', { body: JSON.stringify({ ...JSON.parse(mei), ...change }) });
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body as string)).toEqual(errorBodyFor('validation_failed'));
    expect([...cognito.calls(), ...dynamodb.calls()]).toHaveLength(0);
  });

  it('answers 400 unknown_team for a team the directory lacks, before the pool is asked', async () => {
    const response = await call('POST /accounts', { body: JSON.stringify({ ...JSON.parse(mei), team: 'constructor' }) });
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body as string)).toMatchObject({ error: { code: 'unknown_team' } });
    expect(cognito.calls()).toHaveLength(0);
  });

  it('answers 409 account_exists when the name was taken between the check and the create, leaving the directory alone', async () => {
    cognito.on(AdminCreateUserCommand).rejects(new UsernameExistsException({ message: 'User account already exists', $metadata: {} }));
    const response = await call('POST /accounts', { body: mei });
    expect(response.statusCode).toBe(409);
    expect(JSON.parse(response.body as string)).toMatchObject({ error: { code: 'account_exists' } });
    expect(dynamodb.commandCalls(TransactWriteItemsCommand)).toHaveLength(0);
  });

  it('answers 404 account_not_found for a user the pool lacks, and for a path that is no user name', async () => {
    cognito.on(AdminDisableUserCommand).rejects(new UserNotFoundException({ message: 'User does not exist.', $metadata: {} }));
    expect((await call('POST /accounts/{id}/disable')).statusCode).toBe(404);
    const malformed = await call('POST /accounts/{id}/enable', { id: '../admin' });
    expect(malformed.statusCode).toBe(404);
    expect(JSON.parse(malformed.body as string)).toMatchObject({ error: { code: 'account_not_found' } });
  });

  it('answers 503, not 500, when Cognito throttles', async () => {
    captureOutput();
    cognito.on(AdminGetUserCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException', $fault: 'client' }));
    const response = await call('POST /accounts', { body: mei });
    expect(response.statusCode).toBe(503);
    expect(JSON.parse(response.body as string)).toMatchObject({ error: { code: 'service_unavailable' } });
  });
});
