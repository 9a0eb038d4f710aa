import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { currentDirectoryOf } from '../../../../functions/escalation/wiring/current-directory.ts';
import { directoryRead, storedDirectoryAnswer } from '../../../helpers/shipped-escalation-settings.ts';

const dynamodb = mockClient(DynamoDBClient);
const client = new DynamoDBClient({ region: 'us-east-1' });

beforeEach(() => dynamodb.reset());

describe('currentDirectoryOf', () => {
  it('reads the table once for the calls of a minute', async () => {
    dynamodb.on(GetItemCommand, directoryRead).resolves(storedDirectoryAnswer());
    const currentDirectory = currentDirectoryOf(client, 'table');
    const [first, second] = await Promise.all([currentDirectory(), currentDirectory()]);
    expect(first.head.id).toBe('head-hugo');
    expect(second).toBe(first);
    expect(dynamodb.commandCalls(GetItemCommand)).toHaveLength(1);
  });

  it('names the seeding command when the table holds no directory, and reads again on the next call', async () => {
    dynamodb.on(GetItemCommand).resolvesOnce({}).resolves(storedDirectoryAnswer());
    const currentDirectory = currentDirectoryOf(client, 'table');
    await expect(currentDirectory()).rejects.toMatchObject({ code: 'no_directory', message: expect.stringContaining('npm run admin -- seed-directory') });
    expect((await currentDirectory()).head.id).toBe('head-hugo');
  });
});
