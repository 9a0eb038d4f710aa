import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runWithoutBlocking } from '../../helpers/run-without-blocking.ts';
import {
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { GetItemCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { createPkSkTable } from '../../helpers/pk-sk-table.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEscalationSettings } from '../../../infra/escalation-settings.ts';
import { requireJava } from '../../../local/emulators/require-java.ts';
import { startDynamoDb, type LocalDynamoDb } from '../../../local/emulators/start-dynamodb.ts';
import { DynamoDbDirectoryStore } from '../../../functions/escalation/adapters/dynamodb-directory-store.ts';
import { setAway } from '../../../functions/escalation/core/change-directory.ts';
import { localClientConfig } from '../../../local/emulators/local-aws.ts';
import { startMail, type LocalMail } from '../../../local/emulators/start-mail.ts';
import { startTestUserPool } from '../../helpers/test-user-pool.ts';
import { runInSecondTerminal } from './local-pipeline-process.ts';

// `npm run admin -- seed-directory --table <TableName>` as the deploy guide runs it against AWS: the
// default credential chain and region, here pointed at a DynamoDB Local by the SDK's own
// AWS_ENDPOINT_URL_DYNAMODB, so the command takes exactly its AWS path.
let dataDir: string;
let dynamodb: LocalDynamoDb;
const tableName = 'SupportFeedbackPipeline-Table';
const aws = () => ({
  AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint,
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
});

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'admin-'));
  dynamodb = await startDynamoDb(join(dataDir, 'dynamodb'), await requireJava());
  await dynamodb.ready;
  await createPkSkTable(dynamodb.client, tableName);
}, 120_000);
afterAll(async () => {
  await dynamodb?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('npm run admin -- seed-directory', () => {
  it('loads the seed directory into a table that has none, once: a second run leaves it as it is', async () => {
    const first = runInSecondTerminal(`npm run admin -- seed-directory --table ${tableName}`, dataDir, aws());
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain(`Seeded the supervisor directory of ${tableName}.`);
    const { Item } = await dynamodb.client.send(new GetItemCommand({ TableName: tableName, Key: marshall({ pk: 'DIRECTORY', sk: 'CURRENT' }) }));
    expect(unmarshall(Item!)).toMatchObject({ directory: loadEscalationSettings().directory, version: 1, updatedBy: 'seed' });

    const second = runInSecondTerminal(`npm run admin -- seed-directory --table ${tableName}`, dataDir, aws());
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toContain(`${tableName} has a supervisor directory already; it is left as it is.`);
  }, 120_000);

  it('says how it is used when the command is unknown, and what is missing without a table or a local pipeline', () => {
    const unknown = runInSecondTerminal('npm run admin -- seed-everything', dataDir, aws());
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Usage: npm run admin -- <command>');
    const nowhere = runInSecondTerminal('npm run admin -- seed-directory', dataDir, aws());
    expect(nowhere.status).toBe(1);
    expect(nowhere.stderr).toContain('No --table, and no running local pipeline');
  }, 120_000);
});

describe('npm run admin -- backfill-survey-retention', () => {
  it('gives survey items written before retention their TTL, once: the link’s expiry kept as linkExpiresAt, responses their invitation’s', async () => {
    // Items as the pipeline wrote them before retention: the link's expiry as text in expiresAt.
    const linkExpiresAt = '2026-06-16T10:00:00.000Z';
    const legacy = {
      invitationId: 'inv-old',
      kind: 'post_resolution',
      customerId: 'cust-old',
      caseId: 'CASE-old',
      state: 'answered',
      scheduledFor: '2026-06-02T10:00:00.000Z',
      expiresAt: linkExpiresAt,
    };
    const put = (item: Record<string, unknown>) => dynamodb.client.send(new PutItemCommand({ TableName: tableName, Item: marshall(item) }));
    await put({ pk: 'INVITATION#inv-old', sk: 'INVITATION', ...legacy });
    await put({ pk: 'CASE#CASE-old', sk: 'INVITATION', ...legacy });
    await put({ pk: 'INVITATION#inv-old', sk: 'RESPONSE', responseId: 'r-old', invitationId: 'inv-old', status: 'confirmed' });
    // A current item, and a response whose invitation is gone.
    await put({ pk: 'INVITATION#inv-new', sk: 'INVITATION', ...legacy, invitationId: 'inv-new', linkExpiresAt, expiresAt: 1_900_000_000 });
    await put({ pk: 'INVITATION#inv-gone', sk: 'RESPONSE', responseId: 'r-gone', invitationId: 'inv-gone', status: 'confirmed' });

    const first = runInSecondTerminal(`npm run admin -- backfill-survey-retention --table ${tableName}`, dataDir, aws());
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain(`2 invitations and case pointers and 1 responses of ${tableName} now expire 730 days after their link.`);
    expect(first.stdout).toContain('1 responses without an invitation that expires are left as they are.');

    const item = async (pk: string, sk: string) =>
      unmarshall((await dynamodb.client.send(new GetItemCommand({ TableName: tableName, Key: marshall({ pk, sk }) }))).Item!);
    const retainUntil = Date.parse(linkExpiresAt) / 1000 + 730 * 86_400;
    expect(await item('INVITATION#inv-old', 'INVITATION')).toMatchObject({ linkExpiresAt, expiresAt: retainUntil, state: 'answered' });
    expect(await item('CASE#CASE-old', 'INVITATION')).toMatchObject({ linkExpiresAt, expiresAt: retainUntil });
    expect(await item('INVITATION#inv-old', 'RESPONSE')).toMatchObject({ responseId: 'r-old', expiresAt: retainUntil });
    expect(await item('INVITATION#inv-new', 'INVITATION')).toMatchObject({ expiresAt: 1_900_000_000 });
    expect(await item('INVITATION#inv-gone', 'RESPONSE')).not.toHaveProperty('expiresAt');

    const again = runInSecondTerminal(`npm run admin -- backfill-survey-retention --retention-days 365 --table ${tableName}`, dataDir, aws());
    expect(again.stdout).toContain('0 invitations and case pointers and 0 responses');
  }, 120_000);

  it('refuses a retention that is not whole days', () => {
    const odd = runInSecondTerminal(`npm run admin -- backfill-survey-retention --retention-days 0.5 --table ${tableName}`, dataDir, aws());
    expect(odd.status).toBe(2);
    expect(odd.stderr).toContain('--retention-days is whole days, 1 to 3650.');
  }, 120_000);
});

describe('npm run admin -- <user command>, against a pool and a table as on AWS', () => {
  let mail: LocalMail;
  let pool: Awaited<ReturnType<typeof startTestUserPool>>;
  let cognito: CognitoIdentityProviderClient;
  beforeAll(async () => {
    mail = await startMail();
    pool = await startTestUserPool({ mailEndpoint: mail.endpoint });
    cognito = new CognitoIdentityProviderClient(localClientConfig(pool.endpoint));
    // Seeded by the first describe already, or here when this one runs alone.
    runInSecondTerminal(`npm run admin -- seed-directory --table ${tableName}`, dataDir, aws());
  }, 120_000);
  afterAll(async () => {
    cognito?.destroy();
    await pool?.stop();
    await mail?.stop();
  });

  /** The SDK's own AWS_ENDPOINT_URL_* points it at the emulators. */
  const admin = (args: string) =>
    runWithoutBlocking(`npm run -s admin -- ${args} --table ${tableName} --pool ${pool.poolId}`, {
      ...aws(),
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: pool.endpoint,
    });
  const directory = async () =>
    unmarshall((await dynamodb.client.send(new GetItemCommand({ TableName: tableName, Key: marshall({ pk: 'DIRECTORY', sk: 'CURRENT' }) }))).Item!) as {
      directory: { teams: Record<string, { supervisors: { id: string; email: string; away?: boolean }[] }> };
      version: number;
      updatedBy: string;
    };
  const changes = async () =>
    (
      await dynamodb.client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :change)',
          ExpressionAttributeValues: marshall({ ':pk': 'DIRECTORY', ':change': 'CHANGE#' }),
        }),
      )
    ).Items!.map((item) => unmarshall(item) as { by: string; what: string; at: string });
  const signIn = (userName: string, password: string) =>
    cognito.send(
      new InitiateAuthCommand({ ClientId: pool.audience, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: userName, PASSWORD: password } }),
    );

  it('creates a supervisor: an account in the group with its team, a temporary password by email, the end of the team’s round-robin, an audit entry', async () => {
    const created = await admin('create-user sup-japan-mei --email mei.ito@example.com --name "Mei Ito" --role supervisor --team japan-support');
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    expect(created.stdout).toContain('Cognito emailed a temporary password to mei.ito@example.com');

    const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: pool.poolId, Username: 'sup-japan-mei' }));
    expect(user.UserStatus).toBe('FORCE_CHANGE_PASSWORD');
    expect(Object.fromEntries(user.UserAttributes!.map(({ Name, Value }) => [Name, Value]))).toMatchObject({
      email: 'mei.ito@example.com',
      name: 'Mei Ito',
      'custom:team': 'japan-support',
    });
    const { Groups } = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: pool.poolId, Username: 'sup-japan-mei' }));
    expect(Groups!.map((group) => group.GroupName)).toEqual(['supervisor']);
    const stored = await directory();
    expect(stored.directory.teams['japan-support']!.supervisors.at(-1)).toEqual({ id: 'sup-japan-mei', name: 'Mei Ito', email: 'mei.ito@example.com' });
    expect(stored.updatedBy).toMatch(/^admin-cli:/);
    expect(await changes()).toContainEqual(expect.objectContaining({ what: 'sup-japan-mei added to japan-support as supervisor', by: stored.updatedBy }));

    // The temporary password in the email signs in to the challenge a first sign-in meets.
    const { emails } = (await (await fetch(`${mail.endpoint}/store`)).json()) as { emails: { destination: { to: string[] }; body: { text: string } }[] };
    const invitation = emails.find((email) => email.destination.to.includes('mei.ito@example.com'))!;
    const temporary = /temporary password is (\S+)\.$/.exec(invitation.body.text)![1]!;
    expect((await signIn('sup-japan-mei', temporary)).ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
  }, 120_000);

  it('refuses a team the directory lacks before any account exists', async () => {
    const refused = await admin('create-user sup-mars-zed --email zed@example.com --name Zed --role supervisor --team mars-support');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('The directory has no team mars-support');
    await expect(cognito.send(new AdminGetUserCommand({ UserPoolId: pool.poolId, Username: 'sup-mars-zed' }))).rejects.toMatchObject({
      name: 'UserNotFoundException',
    });
  }, 120_000);

  it('moves a supervisor to another team, in the pool and the directory', async () => {
    const moved = await admin('set-team sup-japan-mei cloud-platform');
    expect(moved.status, moved.stderr).toBe(0);
    const stored = await directory();
    expect(stored.directory.teams['cloud-platform']!.supervisors.map((person) => person.id)).toContain('sup-japan-mei');
    expect(stored.directory.teams['japan-support']!.supervisors.map((person) => person.id)).not.toContain('sup-japan-mei');
    const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: pool.poolId, Username: 'sup-japan-mei' }));
    expect(user.UserAttributes!.find((attribute) => attribute.Name === 'custom:team')?.Value).toBe('cloud-platform');
  }, 120_000);

  it('sets the groups a user is in, adding and removing', async () => {
    expect((await admin('set-groups sup-japan-mei lead admin')).status).toBe(0);
    const { Groups } = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: pool.poolId, Username: 'sup-japan-mei' }));
    expect(Groups!.map((group) => group.GroupName).sort()).toEqual(['admin', 'lead']);
    expect((await admin('set-groups sup-japan-mei boss')).status).toBe(2);
  }, 120_000);

  it('disables a user: no sign-in, and marked away so no new escalation goes to them', async () => {
    const disabled = await admin('disable-user sup-japan-mei');
    expect(disabled.status, disabled.stderr).toBe(0);
    const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: pool.poolId, Username: 'sup-japan-mei' }));
    expect(user.Enabled).toBe(false);
    const mei = (await directory()).directory.teams['cloud-platform']!.supervisors.find((person) => person.id === 'sup-japan-mei');
    expect(mei).toMatchObject({ away: true });
    expect(await changes()).toContainEqual(expect.objectContaining({ what: 'sup-japan-mei disabled, so away' }));

    expect((await admin('enable-user sup-japan-mei')).status).toBe(0);
    expect((await admin('set-away sup-japan-mei off')).status).toBe(0);
    const back = (await directory()).directory.teams['cloud-platform']!.supervisors.find((person) => person.id === 'sup-japan-mei');
    expect(back).toEqual({ id: 'sup-japan-mei', name: 'Mei Ito', email: 'mei.ito@example.com' });
  }, 120_000);

  it('keeps both of two changes made at once, each with its audit entry (the second applied to the first’s result)', async () => {
    const directories = new DynamoDbDirectoryStore(dynamodb.client, tableName);
    const before = (await directory()).version;
    const now = new Date();
    await Promise.all([
      directories.change((current) => setAway(current, 'sup-japan-haruto', true), { by: 'admin-a', what: 'haruto away' }, now),
      directories.change((current) => setAway(current, 'sup-japan-yui', true), { by: 'admin-b', what: 'yui away' }, now),
    ]);
    const after = await directory();
    expect(after.version).toBe(before + 2);
    const japan = after.directory.teams['japan-support']!.supervisors;
    expect(
      japan
        .filter((person) => person.away)
        .map((person) => person.id)
        .sort(),
    ).toEqual(['sup-japan-haruto', 'sup-japan-yui']);
    expect((await changes()).map((change) => change.what)).toEqual(expect.arrayContaining(['haruto away', 'yui away']));
  }, 120_000);

  it('names the user the pool does not have, and says how a command is used', async () => {
    const missing = await admin('disable-user sup-nobody');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('The user pool has no user sup-nobody.');
    const bare = await admin('create-user sup-x --email x@example.com');
    expect(bare.status).toBe(2);
    expect(bare.stderr).toContain('create-user needs --email, --name and --role');
  }, 120_000);
});
