/*
 * Notification outbox items in the single table:
 *
 * | item         | pk                    | sk           | gsi1pk (sparse, until sent) | gsi1sk                      |
 * |--------------|-----------------------|--------------|-----------------------------|-----------------------------|
 * | notification | NOTIFICATION#<id>     | NOTIFICATION | NOTIFICATIONS_PENDING       | <createdAt>#<notificationId> |
 *
 * Written (Put on attribute_not_exists(pk)) in the transaction of the change it announces: the
 * complaint consumer (assigned, complaint_acknowledged), the survey answer consumer (assigned,
 * for a confirmed low score), the SLA watcher (escalated,
 * ack_warning), the supervisor API's resolve (complaint_resolved). Sending:
 * - pending, oldest first: Query gsi1 gsi1pk=NOTIFICATIONS_PENDING (no scan);
 * - claim: UpdateItem SET leaseUntil on condition that it is still pending and not leased by
 *   another sender within its lease;
 * - sent: UpdateItem REMOVE gsi1pk, gsi1sk, leaseUntil SET sentAt, outcome, on condition that
 *   this sender still holds the lease. The item stays as a record of what was sent.
 */
import { BatchGetItemCommand, type DynamoDBClient, QueryCommand, type TransactWriteItem, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { clean } from '../../platform/single-table/clean-item.ts';
import { conditionalWrite } from '../../platform/single-table/conditional-write.ts';
import { storedEscalationSchema } from '../contracts/stored-escalation-items.ts';
import type { NotificationContext, NotificationOutbox } from '../core/notification-outbox.ts';
import { type StoredNotification, storedNotificationSchema } from '../contracts/stored-notification-items.ts';

const PENDING = 'NOTIFICATIONS_PENDING';
const notificationKey = (id: string) => ({ pk: `NOTIFICATION#${id}`, sk: 'NOTIFICATION' });

/**
 * The Put that queues `notification` in the outbox, on `attribute_not_exists(pk)`: added to the
 * TransactWriteItems of the change it announces, so the email exists exactly when the change does.
 *
 * @example
 * ```ts
 * TransactItems: [complaintPut, ...createEscalationItems(table, escalation, reference), ...notifications.map((n) => notificationPutItem(table, n))]
 * ```
 */
export const notificationPutItem = (tableName: string, notification: StoredNotification): TransactWriteItem => ({
  Put: {
    TableName: tableName,
    Item: clean({
      ...notificationKey(notification.notificationId),
      ...notification,
      gsi1pk: PENDING,
      gsi1sk: `${notification.createdAt}#${notification.notificationId}`,
    }),
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

const notificationOf = (item: Record<string, unknown>): StoredNotification => {
  const { pk: _pk, sk: _sk, gsi1pk: _1, gsi1sk: _2, leaseUntil: _3, ...rest } = storedNotificationSchema.parse(item);
  return rest as StoredNotification;
};

/**
 * The DynamoDB single table behind {@link NotificationOutbox}. Requests: `findPending` 1 Query;
 * `claim` 1 UpdateItem; `markSent` 1 UpdateItem; `contextOf` 1 BatchGetItem (escalation, and its complaint if it names one).
 *
 * @example
 * ```ts
 * const outbox = new DynamoDbNotificationOutbox(new DynamoDBClient({}), config.TABLE_NAME);
 * await outbox.findPending(50);
 * ```
 */
export class DynamoDbNotificationOutbox implements NotificationOutbox {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async findPending(limit: number): Promise<readonly StoredNotification[]> {
    const { Items } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pending',
        ExpressionAttributeValues: marshall({ ':pending': PENDING }),
        Limit: limit,
      }),
    );
    return (Items ?? []).map((item) => notificationOf(unmarshall(item)));
  }

  async claim(notificationId: string, now: Date, leaseUntil: Date): Promise<boolean> {
    const outcome = await conditionalWrite(
      this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: marshall(notificationKey(notificationId)),
          UpdateExpression: 'SET leaseUntil = :until ADD attempts :one',
          ConditionExpression: 'attribute_exists(gsi1pk) AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)',
          ExpressionAttributeValues: marshall({ ':until': leaseUntil.toISOString(), ':now': now.toISOString(), ':one': 1 }),
        }),
      ),
    );
    return outcome === 'written';
  }

  async markSent(notificationId: string, leaseUntil: Date, now: Date, outcome: 'sent' | 'undeliverable'): Promise<void> {
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: marshall(notificationKey(notificationId)),
        UpdateExpression: 'REMOVE gsi1pk, gsi1sk, leaseUntil SET sentAt = :now, outcome = :outcome',
        ConditionExpression: 'leaseUntil = :until',
        ExpressionAttributeValues: marshall({ ':until': leaseUntil.toISOString(), ':now': now.toISOString(), ':outcome': outcome }),
      }),
    );
  }

  async contextOf(notification: StoredNotification): Promise<NotificationContext | undefined> {
    const keys = [
      ...(notification.complaintId === undefined ? [] : [{ pk: `COMPLAINT#${notification.complaintId}`, sk: 'COMPLAINT' }]),
      { pk: `ESCALATION#${notification.escalationId}`, sk: 'ESCALATION' },
    ];
    const { Responses } = await this.client.send(
      new BatchGetItemCommand({ RequestItems: { [this.tableName]: { Keys: keys.map((key) => marshall(key)), ConsistentRead: true } } }),
    );
    const items = (Responses?.[this.tableName] ?? []).map((item) => unmarshall(item));
    const complaint = items.find((item) => item['sk'] === 'COMPLAINT');
    const escalation = items.find((item) => item['sk'] === 'ESCALATION');
    if (escalation === undefined || (notification.complaintId !== undefined && complaint === undefined)) return undefined;
    const { pk: _pk, sk: _sk, ...state } = storedEscalationSchema.parse(escalation);
    return {
      // An erased complainant (erase-customer) has no address left: nobody to write to.
      ...(complaint === undefined || typeof complaint['email'] !== 'string'
        ? {}
        : {
            complaint: {
              complaintId: String(complaint['complaintId']),
              reference: String(complaint['reference']),
              email: String(complaint['email']),
              // `language` is the one the consumer settled on (the complaint's own, or its case's).
              locale: [complaint['language'], complaint['locale']].find((value): value is string => typeof value === 'string'),
            },
          }),
      escalation: state as NotificationContext['escalation'],
    };
  }
}
