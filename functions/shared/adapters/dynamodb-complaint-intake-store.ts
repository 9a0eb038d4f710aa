/*
 * Items the complaint consumer reads and writes besides the complaint, escalation and outbox:
 *
 * | item             | pk                             | sk          | attributes                                   |
 * |------------------|--------------------------------|-------------|----------------------------------------------|
 * | complainant log  | COMPLAINANT#<addressKey>       | COMPLAINTS  | complaintTimes (list, within the repeat window), version, expiresAt |
 * | round-robin      | ROUND_ROBIN                    | ESCALATION  | cursors (team -> supervisor assigned last), version |
 *
 * One complaint: 1 BatchGetItem (case context CASE#<caseId>/CONTEXT, complainant log, round-robin)
 * and 1 TransactWriteItems (complaint on attribute_not_exists, escalation + opening audit entry,
 * the two outbox items, the log and the round-robin item each on `attribute_not_exists(pk) OR
 * version = <read>`). A redelivery fails the complaint's condition and writes nothing; a
 * complaint that lost a race on the log or the cursor (a batch is stored in parallel) is read and
 * decided again, a few times, before SQS retries it.
 * The complainant is keyed by their address (SHA-256, as survey suppressions are): the repeat
 * rule needs no scan and no index.
 */
import {
  BatchGetItemCommand,
  type DynamoDBClient,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { StoredNotification } from '../core/escalation/notification-outbox.ts';
import { type ComplaintCaseContext, type ComplaintEscalationContext, storedCaseContextSchema } from '../core/escalation/plan-complaint-escalation.ts';
import type { Escalation } from '../core/escalation/escalation.ts';
import type { StoredItem } from '../core/ports.ts';
import { createEscalationItems } from './dynamodb-escalation-store.ts';
import { notificationPutItem } from './dynamodb-notification-outbox.ts';

const ROUND_ROBIN_KEY = { pk: 'ROUND_ROBIN', sk: 'ESCALATION' };
const complainantKey = (addressKey: string) => ({ pk: `COMPLAINANT#${addressKey}`, sk: 'COMPLAINTS' });

export type ReadComplaintContext = ComplaintEscalationContext & { readonly versions: { readonly complainant: number; readonly roundRobin: number } };

export type ComplaintWrite = {
  readonly complaint: StoredItem;
  readonly addressKey: string;
  readonly complaintTimes: readonly string[];
  /** Epoch seconds after which the complainant log may go (the last complaint plus the repeat window). */
  readonly complainantExpiresAt: number;
  readonly escalation?: { readonly escalation: Escalation; readonly reference: string; readonly roundRobinCursors: Readonly<Record<string, string>> };
  readonly notifications: readonly StoredNotification[];
  readonly versions: ReadComplaintContext['versions'];
};

const versioned = (tableName: string, item: Record<string, unknown>, readVersion: number): TransactWriteItem => ({
  Put: {
    TableName: tableName,
    Item: marshall({ ...item, version: readVersion + 1 }, { removeUndefinedValues: true }),
    ConditionExpression: 'attribute_not_exists(pk) OR version = :read',
    ExpressionAttributeValues: marshall({ ':read': readVersion }),
  },
});

/**
 * Reads what a complaint's escalation depends on and stores the complaint with its escalation in
 * one transaction. Two requests per complaint (see the table above).
 *
 * @example
 * ```ts
 * const store = new DynamoDbComplaintIntakeStore(new DynamoDBClient({}), config.TABLE_NAME);
 * const context = await store.readContext(message.submission.caseId, addressKey(message.submission.email));
 * ```
 */
export class DynamoDbComplaintIntakeStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async readContext(caseId: string | undefined, addressKey: string): Promise<ReadComplaintContext> {
    const keys = [ROUND_ROBIN_KEY, complainantKey(addressKey), ...(caseId === undefined ? [] : [{ pk: `CASE#${caseId}`, sk: 'CONTEXT' }])];
    const { Responses } = await this.client.send(
      new BatchGetItemCommand({ RequestItems: { [this.tableName]: { Keys: keys.map((key) => marshall(key)), ConsistentRead: true } } }),
    );
    const items = (Responses?.[this.tableName] ?? []).map((item) => unmarshall(item));
    const find = ({ pk, sk }: { pk: string; sk: string }) => items.find((item) => item['pk'] === pk && item['sk'] === sk);
    const roundRobin = find(ROUND_ROBIN_KEY);
    const complainant = find(complainantKey(addressKey));
    const caseItem = caseId === undefined ? undefined : find({ pk: `CASE#${caseId}`, sk: 'CONTEXT' });
    const parsedCase = caseItem === undefined ? undefined : storedCaseContextSchema.safeParse(caseItem);
    const caseContext: ComplaintCaseContext | undefined = parsedCase?.success
      ? {
          customerId: parsedCase.data.customerId,
          tier: parsedCase.data.tier,
          locale: parsedCase.data.locale,
          region: parsedCase.data.region,
          product: parsedCase.data.product,
          team: parsedCase.data.team,
          agentId: parsedCase.data.agentId,
        }
      : undefined;
    return {
      caseContext,
      previousComplaintsAt: (complainant?.['complaintTimes'] as string[] | undefined) ?? [],
      roundRobinCursors: (roundRobin?.['cursors'] as Record<string, string> | undefined) ?? {},
      versions: { complainant: Number(complainant?.['version'] ?? 0), roundRobin: Number(roundRobin?.['version'] ?? 0) },
    };
  }

  /**
   * Stores everything in one TransactWriteItems: `duplicate` when the complaint is already stored
   * (a redelivery), `conflict` when another consumer moved the complainant log or the round-robin
   * cursors since `readContext` (read again and decide again).
   */
  async storeComplaint(write: ComplaintWrite): Promise<'stored' | 'duplicate' | 'conflict'> {
    const items: TransactWriteItem[] = [
      { Put: { TableName: this.tableName, Item: marshall(write.complaint, { removeUndefinedValues: true }), ConditionExpression: 'attribute_not_exists(pk)' } },
      versioned(
        this.tableName,
        { ...complainantKey(write.addressKey), complaintTimes: write.complaintTimes, expiresAt: write.complainantExpiresAt },
        write.versions.complainant,
      ),
    ];
    if (write.escalation) {
      const { escalation, reference, roundRobinCursors } = write.escalation;
      items.push(
        ...createEscalationItems(this.tableName, escalation, reference),
        versioned(this.tableName, { ...ROUND_ROBIN_KEY, cursors: roundRobinCursors }, write.versions.roundRobin),
        ...write.notifications.map((notification) => notificationPutItem(this.tableName, notification)),
      );
    }
    try {
      await this.client.send(new TransactWriteItemsCommand({ TransactItems: items }));
      return 'stored';
    } catch (error) {
      // Reasons come in the order of the items: the first is the complaint's own condition.
      if (error instanceof TransactionCanceledException) {
        const reasons = error.CancellationReasons ?? [];
        if (reasons[0]?.Code === 'ConditionalCheckFailed') return 'duplicate';
        if (reasons.some(({ Code }) => Code === 'ConditionalCheckFailed' || Code === 'TransactionConflict')) return 'conflict';
      }
      throw error;
    }
  }
}
