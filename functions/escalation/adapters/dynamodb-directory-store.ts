/*
 * The supervisor directory in the single table: one item, read whole.
 *
 * | item      | pk        | sk      | attributes                                        |
 * |-----------|-----------|---------|---------------------------------------------------|
 * | directory | DIRECTORY | CURRENT | directory (map), version, updatedAt, updatedBy     |
 * | change    | DIRECTORY | CHANGE#<at>#<version> | by, at, what, version          |
 *
 * One item because every reader needs all of it (rosters, away flags, addresses) and it changes
 * rarely, by an admin: a read is one GetItem, a change one conditional write on `version`. An
 * item holds 400 KB; a person takes about 90 bytes with their name (`npm run bench:directory`:
 * 45.1 KB for 501 people in 50 teams), so the item holds some 4,000.
 */
import { GetItemCommand, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { writeLabelledTransaction } from '../../platform/single-table/labelled-transaction.ts';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { clean } from '../../platform/single-table/clean-item.ts';
import { conditionalWrite } from '../../platform/single-table/conditional-write.ts';
import { type SupervisorDirectory, supervisorDirectorySchema } from '../contracts/supervisor-directory.ts';

const DIRECTORY_KEY = { pk: 'DIRECTORY', sk: 'CURRENT' };

/**
 * The supervisor directory's item. Requests: `read` 1 GetItem; `seed` 1 PutItem; `change` 1
 * GetItem and 1 TransactWriteItems (again for each change that raced it).
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
    return (await this.readVersioned({ consistent: false }))?.directory;
  }

  private async readVersioned(options: { consistent: boolean }): Promise<{ directory: SupervisorDirectory; version: number } | undefined> {
    const { Item } = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: clean(DIRECTORY_KEY), ConsistentRead: options.consistent }));
    if (Item === undefined) return undefined;
    const stored = unmarshall(Item);
    return { directory: supervisorDirectorySchema.parse(stored['directory']), version: Number(stored['version']) };
  }

  /**
   * Applies `edit` to the current directory and stores the result as the next version, with an
   * entry saying who changed what and when, in one transaction. A change that raced another (its
   * version taken meanwhile) is applied again to the newer directory, up to three times; `edit`
   * may throw to refuse it.
   *
   * @example
   * await directories.change((directory) => setAway(directory, 'sup-japan-yui', true), { by: 'admin-grace', what: 'sup-japan-yui away' }, new Date());
   */
  async change(edit: (directory: SupervisorDirectory) => SupervisorDirectory, audit: { by: string; what: string }, now: Date): Promise<SupervisorDirectory> {
    for (let attempt = 1; ; attempt++) {
      // Consistent: a change must start from the latest version, or it only meets its own race.
      const current = await this.readVersioned({ consistent: true });
      if (current === undefined) throw new Error(`${this.tableName} has no supervisor directory yet: seed it first (npm run admin -- seed-directory)`);
      const directory = supervisorDirectorySchema.parse(edit(current.directory));
      const version = current.version + 1;
      const at = now.toISOString();
      const outcome = await writeLabelledTransaction(this.client, [
        {
          label: 'directory',
          item: {
            Put: {
              TableName: this.tableName,
              Item: clean({ ...DIRECTORY_KEY, directory, version, updatedAt: at, updatedBy: audit.by }),
              ConditionExpression: 'version = :read',
              ExpressionAttributeValues: clean({ ':read': current.version }),
            },
          },
        },
        {
          label: 'change',
          item: {
            Put: { TableName: this.tableName, Item: clean({ pk: 'DIRECTORY', sk: `CHANGE#${at}#${version}`, by: audit.by, at, what: audit.what, version }) },
          },
        },
      ]);
      if (outcome.committed) return directory;
      const raced = outcome.failedConditions.includes('directory') || outcome.conflicts.length > 0;
      if (!raced || attempt === 3) throw outcome.error;
    }
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
