import { ConditionalCheckFailedException, GetItemCommand, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { RecordStore, StoredItem } from '../core/record-store.ts';

/**
 * The single table behind {@link RecordStore}. `putIfAbsent` is one conditional PutItem, which
 * makes consumers idempotent under SQS redelivery with a single request per message.
 *
 * @example
 * ```ts
 * const store = new DynamoDbRecordStore(new DynamoDBClient({}), config.TABLE_NAME);
 * await store.putIfAbsent({ pk: 'COMPLAINT#…', sk: 'COMPLAINT', … });
 * ```
 */
export class DynamoDbRecordStore implements RecordStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async putIfAbsent(item: StoredItem): Promise<'stored' | 'duplicate'> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: marshall(item, { removeUndefinedValues: true }),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return 'stored';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'duplicate';
      throw error;
    }
  }

  async get(pk: string, sk: string): Promise<Record<string, unknown> | undefined> {
    const { Item } = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: marshall({ pk, sk }), ConsistentRead: true }));
    return Item ? unmarshall(Item) : undefined;
  }
}
