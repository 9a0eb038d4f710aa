import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEscalationSettings } from '../../../infra/escalation-settings.ts';
import { requireJava } from '../../../local/emulators/require-java.ts';
import { startDynamoDb, type LocalDynamoDb } from '../../../local/emulators/start-dynamodb.ts';
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
  await dynamodb.client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    }),
  );
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
    expect(unknown.stderr).toContain('Usage: npm run admin -- seed-directory');
    const nowhere = runInSecondTerminal('npm run admin -- seed-directory', dataDir, aws());
    expect(nowhere.status).toBe(1);
    expect(nowhere.stderr).toContain('No --table, and no running local pipeline');
  }, 120_000);
});
