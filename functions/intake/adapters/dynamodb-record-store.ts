import { GetItemCommand, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { clean } from '../../platform/single-table/clean-item.ts';
import { conditionalWrite } from '../../platform/single-table/conditional-write.ts';
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
    const outcome = await conditionalWrite(
      this.client.send(new PutItemCommand({ TableName: this.tableName, Item: clean(item), ConditionExpression: 'attribute_not_exists(pk)' })),
    );
    return outcome === 'written' ? 'stored' : 'duplicate';
  }

  async get(pk: string, sk: string): Promise<Record<string, unknown> | undefined> {
    const { Item } = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: marshall({ pk, sk }), ConsistentRead: true }));
    return Item ? unmarshall(Item) : undefined;
  }
}
