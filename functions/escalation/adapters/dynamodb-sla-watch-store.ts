import { GetItemCommand, QueryCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { clean } from '../../platform/single-table/clean-item.ts';
import { writeLabelledTransaction } from '../../platform/single-table/labelled-transaction.ts';
import type { SlaWatchStore, UnacknowledgedPage, WatchedEscalation, WatcherChange } from '../core/escalation-store.ts';
import { escalationChangeItems, escalationKey, escalationOf, UNACKNOWLEDGED } from './escalation-items.ts';
import { notificationPutItem } from './dynamodb-notification-outbox.ts';

/**
 * The DynamoDB single table behind the SLA watcher's {@link SlaWatchStore} (items and indexes:
 * `escalation-items.ts`). Requests: `findUnacknowledgedDue` 1 Query on gsi3 per page; a step 1
 * TransactWriteItems of 3 (2 when it mails nobody); `readEscalation` 1 GetItem, only after a lost race.
 *
 * @example
 * ```ts
 * const store = new DynamoDbSlaWatchStore(new DynamoDBClient({}), config.TABLE_NAME);
 * const { escalations, next } = await store.findUnacknowledgedDue(new Date(), 25);
 * ```
 */
export class DynamoDbSlaWatchStore implements SlaWatchStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  /** The watcher's work due by `dueBy` (see the table design): a warning point or an acknowledgement due time passed. */
  async findUnacknowledgedDue(dueBy: Date, limit: number, after?: Readonly<Record<string, string>>): Promise<UnacknowledgedPage> {
    const { Items, LastEvaluatedKey } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi3',
        // ISO instants of one length sort as text; '~' sorts after every id.
        KeyConditionExpression: 'gsi3pk = :unacknowledged AND gsi3sk <= :dueBy',
        ExpressionAttributeValues: clean({ ':unacknowledged': UNACKNOWLEDGED, ':dueBy': `${dueBy.toISOString()}#~` }),
        Limit: limit,
        ...(after === undefined ? {} : { ExclusiveStartKey: clean(after) }),
      }),
    );
    return {
      escalations: (Items ?? []).map((item) => escalationOf(unmarshall(item))),
      ...(LastEvaluatedKey ? { next: unmarshall(LastEvaluatedKey) as Record<string, string> } : {}),
    };
  }

  /** The escalation's current state and version, read consistently (the watcher's re-read after a lost race). */
  async readEscalation(id: string): Promise<WatchedEscalation | undefined> {
    const { Item } = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: clean(escalationKey(id)), ConsistentRead: true }));
    return Item ? escalationOf(unmarshall(Item)) : undefined;
  }

  /**
   * Writes one SLA watcher step: the escalation on condition of the version read, its audit entry
   * and its outbox item (when the step mails someone) each put once, in one TransactWriteItems.
   * `conflict` when the escalation moved since it was read. An outbox item that already exists
   * (its email for this kind and level was queued before, e.g. a warning at a level a supervisor
   * reassigned) is not queued twice: the step is written again without it.
   */
  async applyWatcherChange(read: WatchedEscalation, change: WatcherChange): Promise<'applied' | 'conflict'> {
    const { notification } = change;
    const outcome = await writeLabelledTransaction(this.client, [
      ...escalationChangeItems(this.tableName, change.escalation, change.entry, read),
      ...(notification === undefined ? [] : [{ label: 'notification' as const, item: notificationPutItem(this.tableName, notification) }]),
    ]);
    if (outcome.committed) return 'applied';
    const { failedConditions: failed, conflicts } = outcome;
    const outboxOnly = failed.includes('notification') && !failed.includes('escalation') && !failed.includes('audit-entry');
    if (outboxOnly && !conflicts.includes('escalation')) return this.applyWatcherChange(read, { escalation: change.escalation, entry: change.entry });
    const lostRace = (['escalation', 'audit-entry'] as const).some((label) => failed.includes(label) || conflicts.includes(label));
    if (lostRace || conflicts.includes('notification')) return 'conflict';
    throw outcome.error;
  }
}
