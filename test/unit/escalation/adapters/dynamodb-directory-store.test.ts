import { ConditionalCheckFailedException, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbDirectoryStore } from '../../../../functions/escalation/adapters/dynamodb-directory-store.ts';
import { directoryRead, storedDirectoryAnswer } from '../../../helpers/shipped-escalation-settings.ts';
import { loadEscalationSettings } from '../../../../infra/escalation-settings.ts';

const dynamodb = mockClient(DynamoDBClient);
const store = new DynamoDbDirectoryStore(new DynamoDBClient({ region: 'us-east-1' }), 'table');
const { directory } = loadEscalationSettings();

beforeEach(() => dynamodb.reset());

describe('DynamoDbDirectoryStore', () => {
  it('reads the whole directory from its one item', async () => {
    dynamodb.on(GetItemCommand, directoryRead).resolves(storedDirectoryAnswer());
    expect(await store.read()).toEqual(directory);
    expect(dynamodb.commandCalls(GetItemCommand)).toHaveLength(1);
  });

  it('answers undefined before the seed', async () => {
    dynamodb.on(GetItemCommand).resolves({});
    expect(await store.read()).toBeUndefined();
  });

  it('refuses an item edited into something that is not a directory, naming the field', async () => {
    const broken = { ...directory, head: { id: 'head-hugo' } };
    dynamodb.on(GetItemCommand).resolves({ Item: marshall({ pk: 'DIRECTORY', sk: 'CURRENT', directory: broken, version: 2 }) });
    await expect(store.read()).rejects.toThrow(/email/);
  });

  it('seeds version 1 only into a table without a directory, never over one', async () => {
    dynamodb
      .on(PutItemCommand)
      .resolvesOnce({})
      .rejectsOnce(new ConditionalCheckFailedException({ message: 'exists', $metadata: {} }));
    const now = new Date('2026-12-05T09:00:00.000Z');
    expect(await store.seed(directory, now)).toBe('seeded');
    expect(await store.seed(directory, now)).toBe('exists');
    const [first] = dynamodb.commandCalls(PutItemCommand);
    expect(first!.args[0].input.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(unmarshall(first!.args[0].input.Item!)).toMatchObject({
      pk: 'DIRECTORY',
      sk: 'CURRENT',
      directory,
      version: 1,
      updatedBy: 'seed',
      updatedAt: now.toISOString(),
    });
  });
});
