/*
 * The supervisor directory in the single table: one item, read whole.
 *
 * | item      | pk        | sk      | attributes                                        |
 * |-----------|-----------|---------|---------------------------------------------------|
 * | directory | DIRECTORY | CURRENT | directory (map), version, updatedAt, updatedBy     |
 *
 * One item because every reader needs all of it (rosters, away flags, addresses) and it changes
 * rarely, by an admin: a read is one GetItem, a change one conditional write on `version`. An
 * item holds 400 KB; a person takes about 60 bytes (`npm run bench:directory`: 29.5 KB for 501
 * people in 50 teams), so the item holds some 6,000.
 */
import { GetItemCommand, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { clean } from '../../platform/single-table/clean-item.ts';
import { conditionalWrite } from '../../platform/single-table/conditional-write.ts';
import { type SupervisorDirectory, supervisorDirectorySchema } from '../contracts/supervisor-directory.ts';

const DIRECTORY_KEY = { pk: 'DIRECTORY', sk: 'CURRENT' };

/**
 * The supervisor directory's item. Requests: `read` 1 GetItem; `seed` 1 PutItem.
 *
 * @example
 * ```ts
 * const directories = new DynamoDbDirectoryStore(new DynamoDBClient({}), config.TABLE_NAME);
 * const directory = await directories.read(); // undefined until seeded
 * ```
 */
export class DynamoDbDirectoryStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  /** The directory, validated as it is read (a hand-edited item fails loudly), or undefined before the seed. */
  async read(): Promise<SupervisorDirectory | undefined> {
    const { Item } = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: clean(DIRECTORY_KEY) }));
    return Item === undefined ? undefined : supervisorDirectorySchema.parse(unmarshall(Item)['directory']);
  }

  /** Stores `directory` as version 1 unless the table has one already (`exists`): the seed is loaded once, never over an admin's changes. */
  async seed(directory: SupervisorDirectory, now: Date): Promise<'seeded' | 'exists'> {
    const outcome = await conditionalWrite(
      this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: clean({ ...DIRECTORY_KEY, directory, version: 1, updatedAt: now.toISOString(), updatedBy: 'seed' }),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
    return outcome === 'written' ? 'seeded' : 'exists';
  }
}
