import { randomUUID } from 'node:crypto';
import { CognitoIdentityProviderClient, AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DeleteTableCommand, DynamoDBClient, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { createPkSkTable } from '../../helpers/pk-sk-table.ts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cognitoAccountPool } from '../../../functions/escalation/adapters/cognito-account-pool.ts';
import { DynamoDbDirectoryStore } from '../../../functions/escalation/adapters/dynamodb-directory-store.ts';
import { setAwayPeriods } from '../../../functions/escalation/core/change-directory.ts';
import { peopleInReach } from '../../../functions/escalation/core/people-in-reach.ts';
import { createAccount } from '../../../functions/escalation/core/supervisor-accounts.ts';
import { rostersOf } from '../../../functions/escalation/core/supervisor-directory.ts';
import { localClientConfig } from '../../../local/emulators/local-aws.ts';
import { organisation } from '../../helpers/organisation-directory.ts';

// An organisation of 500 supervisors in 50 teams (issue 17), in a table of its own on this
// pipeline's DynamoDB Local, so the directory the other tests share is left alone; accounts go to
// the pipeline's own emulated user pool.
const pipeline = inject('pipeline');
const dynamodb = new DynamoDBClient(localClientConfig(pipeline.dynamodbEndpoint));
const cognito = new CognitoIdentityProviderClient(localClientConfig(pipeline.userPool.endpoint));
const tableName = `directory-at-scale-${randomUUID().slice(0, 8)}`;
const directories = new DynamoDbDirectoryStore(dynamodb, tableName);
const now = new Date('2026-12-07T09:00:00Z');
const admin = { id: 'admin-grace', role: 'admin', teams: [] } as const;

beforeAll(async () => {
  await createPkSkTable(dynamodb, tableName);
  expect(await directories.seed(organisation(50, 9), now)).toBe('seeded');
});
afterAll(async () => {
  await dynamodb.send(new DeleteTableCommand({ TableName: tableName }));
  cognito.destroy();
});

describe('a directory of 500 supervisors in 50 teams', () => {
  it('is one item well inside DynamoDB’s 400 KB, read whole and answered to an admin as 501 people', async () => {
    const { Item } = await dynamodb.send(new GetItemCommand({ TableName: tableName, Key: { pk: { S: 'DIRECTORY' }, sk: { S: 'CURRENT' } } }));
    const bytes = Buffer.byteLength(JSON.stringify(unmarshall(Item!)));
    expect(bytes).toBeGreaterThan(40_000);
    expect(bytes).toBeLessThan(100_000);
    const directory = (await directories.read())!;
    expect(Object.keys(directory.teams)).toHaveLength(50);
    expect(peopleInReach(admin, directory, now)).toHaveLength(501);
  });

  it('takes an away period and an account created as the console creates it, each as a new version with its audit entry', async () => {
    const away = await directories.change(
      (directory) => setAwayPeriods(directory, 'sup-37-4', [{ from: '2026-12-07T00:00:00Z', until: '2026-12-12T00:00:00Z' }], now),
      { by: 'lead-37', what: 'away periods of sup-37-4' },
      now,
    );
    // In the team still (a reassign to them works), marked away for round-robin while the period runs.
    const team = rostersOf(away, now)['team-37']!.supervisors;
    expect(team.filter((member) => member.away === true).map(({ id }) => id)).toEqual(['sup-37-4']);
    expect(team).toHaveLength(9);

    const user = `sup-50-new-${randomUUID().slice(0, 6)}`;
    await createAccount(
      { pool: cognitoAccountPool(cognito, pipeline.userPool.poolId), directory: directories },
      { user, name: 'New Hire', email: `${user}@support.example.com`, role: 'supervisor', team: 'team-50' },
      { by: 'admin-grace', now },
    );
    const account = await cognito.send(new AdminGetUserCommand({ UserPoolId: pipeline.userPool.poolId, Username: user }));
    expect(account.UserAttributes).toEqual(expect.arrayContaining([{ Name: 'custom:team', Value: 'team-50' }]));
    const directory = (await directories.read())!;
    expect(directory.teams['team-50']!.supervisors.at(-1)).toMatchObject({ id: user, name: 'New Hire' });
    expect(peopleInReach(admin, directory, now)).toHaveLength(502);

    const { Items = [] } = await dynamodb.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :change)',
        ExpressionAttributeValues: { ':pk': { S: 'DIRECTORY' }, ':change': { S: 'CHANGE#' } },
      }),
    );
    expect(Items.map((item) => unmarshall(item)).map(({ by, version }) => [by, version])).toEqual([
      ['lead-37', 2],
      ['admin-grace', 3],
    ]);
  });
});
