/*
 * Items the complaint consumer reads and writes besides the complaint, escalation and outbox:
 *
 * | item             | pk                        | sk          | attributes                                                        |
 * |------------------|---------------------------|-------------|-------------------------------------------------------------------|
 * | complainant log  | COMPLAINANT#<addressKey>  | COMPLAINTS  | complaintTimes (list, appended; trimmed to the repeat window when long), expiresAt |
 * | round-robin      | ROUND_ROBIN               | ESCALATION  | `cursor:<team>`: the supervisor assigned last in that team        |
 *
 * One complaint: 1 BatchGetItem (case context CASE#<caseId>/CONTEXT, complainant log, round-robin)
 * and 1 TransactWriteItems (complaint on attribute_not_exists, escalation + opening audit entry,
 * the two outbox items, and unconditional updates of the log and the team's cursor). A
 * redelivery fails the complaint's condition and writes nothing. The log and the cursor take no
 * version condition on purpose: a batch is stored in parallel and every complaint would fight for
 * the one round-robin item (a kill-and-restart backlog of 100 complaints of one address lost most
 * races and waited out SQS's visibility timeout). The price: two complaints decided in the same
 * instant may go to the same supervisor. The log appends, so no complaint is lost from the
 * repeat count. A TransactionConflict (two transactions on one item at once) is decided again.
 * The complainant is keyed by their address (SHA-256, as survey suppressions are): the repeat
 * rule needs no scan and no index.
 */
import { BatchGetItemCommand, type DynamoDBClient, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { clean } from '../../platform/single-table/clean-item.ts';
import { writeLabelledTransaction, type LabelledItem } from '../../platform/single-table/labelled-transaction.ts';
import type { StoredNotification } from '../contracts/stored-notification-items.ts';
import type { ComplaintEscalationContext } from '../core/plan-complaint-escalation.ts';
import type { Escalation } from '../core/escalation.ts';
import type { StoredItem } from '../../intake/core/record-store.ts';
import { caseContextOf } from './case-context-item.ts';
import { createEscalationItems } from './escalation-items.ts';
import { notificationPutItem } from './dynamodb-notification-outbox.ts';
import { ROUND_ROBIN_KEY, roundRobinCursorsOf, roundRobinCursorUpdates } from './dynamodb-round-robin.ts';
import { caseContextKey } from '../../surveys/contracts/survey-item-keys.ts';
const complainantKey = (addressKey: string) => ({ pk: `COMPLAINANT#${addressKey}`, sk: 'COMPLAINTS' });

export type ReadComplaintContext = ComplaintEscalationContext & {
  /** How many times the stored log holds (before trimming to the window): past 50 it is rewritten rather than appended to. */
  readonly storedComplaintCount: number;
};

export type ComplaintWrite = {
  readonly complaint: StoredItem;
  readonly addressKey: string;
  /** The log within the repeat window, this complaint last. */
  readonly complaintTimes: readonly string[];
  readonly storedComplaintCount: number;
  /** Epoch seconds after which the complainant log may go (the last complaint plus the repeat window). */
  readonly complainantExpiresAt: number;
  readonly escalation?: { readonly escalation: Escalation; readonly reference: string; readonly nextRoundRobinCursor?: string | undefined };
  readonly notifications: readonly StoredNotification[];
};

const MAX_APPENDED_TIMES = 50;

/** Appends this complaint's time to the complainant's log, or rewrites the log trimmed to the window once it grew long. */
const complainantLogUpdate = (tableName: string, write: ComplaintWrite): TransactWriteItem => {
  const rewrite = write.storedComplaintCount >= MAX_APPENDED_TIMES;
  return {
    Update: {
      TableName: tableName,
      Key: marshall(complainantKey(write.addressKey)),
      UpdateExpression: rewrite
        ? 'SET complaintTimes = :times, expiresAt = :expiresAt'
        : 'SET complaintTimes = list_append(if_not_exists(complaintTimes, :empty), :times), expiresAt = :expiresAt',
      ExpressionAttributeValues: marshall({
        ':times': rewrite ? write.complaintTimes : write.complaintTimes.slice(-1),
        ':expiresAt': write.complainantExpiresAt,
        ...(rewrite ? {} : { ':empty': [] }),
      }),
    },
  };
};

/**
 * Reads what a complaint's escalation depends on and stores the complaint with its escalation in
 * one transaction. Two requests per complaint (see the table above).
 *
 * @example
 * ```ts
 * const store = new DynamoDbComplaintEscalationStore(new DynamoDBClient({}), config.TABLE_NAME);
 * const context = await store.readContext(message.submission.caseId, addressKey(message.submission.email));
 * ```
 */
export class DynamoDbComplaintEscalationStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async readContext(caseId: string | undefined, addressKey: string): Promise<ReadComplaintContext> {
    const keys = [ROUND_ROBIN_KEY, complainantKey(addressKey), ...(caseId === undefined ? [] : [caseContextKey(caseId)])];
    const { Responses } = await this.client.send(
      new BatchGetItemCommand({ RequestItems: { [this.tableName]: { Keys: keys.map((key) => marshall(key)), ConsistentRead: true } } }),
    );
    const items = (Responses?.[this.tableName] ?? []).map((item) => unmarshall(item));
    const find = ({ pk, sk }: { pk: string; sk: string }) => items.find((item) => item['pk'] === pk && item['sk'] === sk);
    const roundRobin = find(ROUND_ROBIN_KEY);
    const complainant = find(complainantKey(addressKey));
    return {
      caseContext: caseContextOf(caseId === undefined ? undefined : find(caseContextKey(caseId))),
      previousComplaintsAt: (complainant?.['complaintTimes'] as string[] | undefined) ?? [],
      roundRobinCursors: roundRobinCursorsOf(roundRobin),
      storedComplaintCount: ((complainant?.['complaintTimes'] as string[] | undefined) ?? []).length,
    };
  }

  /**
   * Stores everything in one TransactWriteItems: `duplicate` when the complaint is already stored
   * (a redelivery), `conflict` when another transaction held one of its items at the same moment
   * (TransactionConflict: read again and decide again).
   */
  async storeComplaint(write: ComplaintWrite): Promise<'stored' | 'duplicate' | 'conflict'> {
    const items: LabelledItem<'complaint' | 'complainant-log' | 'escalation' | 'round-robin' | 'notification'>[] = [
      { label: 'complaint', item: { Put: { TableName: this.tableName, Item: clean(write.complaint), ConditionExpression: 'attribute_not_exists(pk)' } } },
      { label: 'complainant-log', item: complainantLogUpdate(this.tableName, write) },
    ];
    if (write.escalation) {
      const { escalation, reference, nextRoundRobinCursor } = write.escalation;
      items.push(
        ...createEscalationItems(this.tableName, escalation, reference).map((item) => ({ label: 'escalation' as const, item })),
        ...roundRobinCursorUpdates(this.tableName, escalation.team, nextRoundRobinCursor).map((item) => ({ label: 'round-robin' as const, item })),
        ...write.notifications.map((notification) => ({ label: 'notification' as const, item: notificationPutItem(this.tableName, notification) })),
      );
    }
    const outcome = await writeLabelledTransaction(this.client, items);
    if (outcome.committed) return 'stored';
    if (outcome.failedConditions.includes('complaint')) return 'duplicate';
    if (outcome.failedConditions.length > 0 || outcome.conflicts.length > 0) return 'conflict';
    throw outcome.error;
  }
}
