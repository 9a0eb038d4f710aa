/*
 * Finds every item of one customer in the single table and erases what identifies them
 * (`npm run admin -- erase-customer`). By key wherever a key exists:
 *
 * | what                                   | how                                                        |
 * |----------------------------------------|------------------------------------------------------------|
 * | contact, history, relationship decisions | Query pk=CUSTOMER#<id>                                    |
 * | their cases                            | Query gsi1 gsi1pk=CUSTOMER#<id> (the case pointers)        |
 * | case pointer, context, decisions       | Query pk=CASE#<caseId>                                     |
 * | invitation and its response            | Query pk=INVITATION#<invitationId> (from pointers, decisions) |
 * | escalation request                     | GetItem ESCALATION_REQUEST#<responseId>                    |
 * | escalation and its audit entries       | Query pk=ESCALATION#<complaintId or responseId>            |
 * | outbox items                           | BatchGetItem NOTIFICATION#<escalationId>#<kind>#<level>    |
 *
 * Two things have no key: a customer's id by their email (contacts are keyed by id), and
 * complaints by their email (anyone with a case reference may complain; complaints are keyed by
 * id and month). For those one Scan, filtered to contact and complaint items and projected to
 * four attributes, reads the table once per run: an administrator's command, run rarely. Emails
 * are compared lower-cased, which a FilterExpression cannot do.
 */
import {
  BatchGetItemCommand,
  type BatchGetItemCommandOutput,
  type AttributeValue,
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { clean } from '../../platform/single-table/clean-item.ts';
import { conditionalWrite } from '../../platform/single-table/conditional-write.ts';
import { NOTIFICATION_KINDS, notificationIdOf } from '../../escalation/contracts/stored-notification-items.ts';
import { ERASED_TEXT, type ErasureUpdate, type FoundItem } from '../core/plan-customer-erasure.ts';
import type { ErasureRecord } from '../core/erasure-record.ts';
import type { ErasureSubject } from '../core/erasure-subject.ts';

type Key = { readonly pk: string; readonly sk: string };

/** What was found for a subject: the customer ids it names and every item of theirs. */
export interface FoundCustomer {
  readonly customerIds: readonly string[];
  readonly items: readonly FoundItem[];
}

/** An escalation changed between the erasure's read and its write: run the erasure again. */
class ErasureRaceError extends Error {
  override readonly name = 'ErasureRaceError';
  readonly code = 'erasure_race';
}

const MAX_LEVEL = 3;

/**
 * The customer-erasure adapter over the single table; the plan is the core's
 * (`planCustomerErasure`).
 *
 * @example
 * ```ts
 * const erasure = new DynamoDbCustomerErasure(new DynamoDBClient({}), tableName);
 * const found = await erasure.findCustomer({ kind: 'email', email: 'aiko@example.com' });
 * ```
 */
export class DynamoDbCustomerErasure {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async findCustomer(subject: ErasureSubject): Promise<FoundCustomer> {
    const ids = new Set<string>(subject.kind === 'id' ? [subject.id] : []);
    const emails = new Set<string>(subject.kind === 'email' ? [subject.email] : []);
    if (subject.kind === 'id') {
      const contact = await this.getItem({ pk: `CUSTOMER#${subject.id}`, sk: 'CONTACT' });
      if (typeof contact?.['email'] === 'string') emails.add(contact['email'].toLowerCase());
    }
    const complaintKeys = await this.scanContactsAndComplaints(ids, emails);

    const found = new Map<string, FoundItem>();
    const add = (items: readonly FoundItem[]) => {
      for (const item of items) found.set(JSON.stringify([item.pk, item.sk]), item);
    };
    add(await this.getItems(complaintKeys));
    const caseIds = new Set<string>();
    for (const id of ids) {
      add(await this.query({ pk: `CUSTOMER#${id}` }));
      for (const pointer of await this.query({ gsi1pk: `CUSTOMER#${id}` })) caseIds.add(pointer.pk.slice('CASE#'.length));
    }
    for (const caseId of caseIds) add(await this.query({ pk: `CASE#${caseId}` }));
    const invitationIds = new Set([...found.values()].flatMap((item) => (typeof item['invitationId'] === 'string' ? [item['invitationId']] : [])));
    for (const invitationId of invitationIds) {
      const partition = await this.query({ pk: `INVITATION#${invitationId}` });
      // An invitation named by a shared case's log may be another customer's.
      const invitation = partition.find((item) => item.sk === 'INVITATION');
      if (invitation !== undefined && !ids.has(String(invitation['customerId']))) continue;
      add(partition);
    }
    const responseIds = [...found.values()].flatMap((item) => (item.sk === 'RESPONSE' && typeof item['responseId'] === 'string' ? [item['responseId']] : []));
    add(await this.getItems(responseIds.map((responseId) => ({ pk: `ESCALATION_REQUEST#${responseId}`, sk: 'ESCALATION_REQUEST' }))));
    // A complaint's escalation has the complaint's id; a low score's, the response's.
    const complaintIds = [...found.values()].flatMap((item) => (item.sk === 'COMPLAINT' ? [item.pk.slice('COMPLAINT#'.length)] : []));
    for (const escalationId of [...complaintIds, ...responseIds]) {
      const partition = await this.query({ pk: `ESCALATION#${escalationId}` });
      add(partition);
      if (partition.length > 0) add(await this.getItems(outboxKeysOf(escalationId)));
    }
    return { customerIds: [...ids], items: [...found.values()] };
  }

  /** Applies the plan, one conditional write per item: a rerun after a failure finishes the job. */
  async applyErasure(updates: readonly ErasureUpdate[], now: Date): Promise<void> {
    for (const update of updates) {
      if (update.action === 'delete') {
        await conditionalWrite(
          this.client.send(new DeleteItemCommand({ TableName: this.tableName, Key: marshall(update.key), ConditionExpression: 'attribute_exists(pk)' })),
        );
        continue;
      }
      const names: Record<string, string> = {};
      const nameOf = (path: readonly string[]) =>
        path
          .map((name) => {
            const placeholder = `#n${Object.keys(names).length}`;
            names[placeholder] = name;
            return placeholder;
          })
          .join('.');
      const values: Record<string, unknown> = { ':erasedAt': now.toISOString() };
      const sets = ['erasedAt = :erasedAt', ...update.replace.map((path) => `${nameOf(path)} = :erased`)];
      if (update.replace.length > 0) values[':erased'] = ERASED_TEXT;
      let condition = 'attribute_exists(pk)';
      if (update.expectedVersion !== undefined) {
        // Moves the version on, so a writer that read the escalation before now fails its own condition.
        sets.push('#version = :next');
        names['#version'] = 'version';
        values[':read'] = update.expectedVersion;
        values[':next'] = update.expectedVersion + 1;
        condition += ' AND #version = :read';
      }
      const removes = update.remove.map(nameOf);
      const outcome = await conditionalWrite(
        this.client.send(
          new UpdateItemCommand({
            TableName: this.tableName,
            Key: marshall(update.key),
            UpdateExpression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`,
            ConditionExpression: condition,
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: marshall(values),
          }),
        ),
      );
      // A deleted item (TTL) needs nothing; a changed escalation must be read again.
      if (outcome === 'condition_failed' && update.expectedVersion !== undefined) {
        throw new ErasureRaceError('An escalation of this customer changed during the erasure: run the command again to finish it.');
      }
    }
  }

  /** Stores the erasure record once (its key is the subject's hash and the time). */
  async recordErasure(record: ErasureRecord): Promise<void> {
    await this.client.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: clean({ pk: `ERASURE#${record.subjectHash}`, sk: `ERASURE#${record.erasedAt}`, type: 'erasure', ...record }),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  /** When the subject of this hash was last erased, if ever: a rerun by address finds nothing else of theirs. */
  async lastErasedAt(subjectHash: string): Promise<string | undefined> {
    const { Items } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: marshall({ ':pk': `ERASURE#${subjectHash}` }),
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    const erasedAt = Items?.[0] === undefined ? undefined : unmarshall(Items[0])['erasedAt'];
    return typeof erasedAt === 'string' ? erasedAt : undefined;
  }

  /** The keys of the complaints that name the customer; `ids` gains the customers `emails` name, `emails` theirs. */
  private async scanContactsAndComplaints(ids: Set<string>, emails: Set<string>): Promise<Key[]> {
    const contacts: { customerId: string; email: string }[] = [];
    const complaints: { key: Key; email?: string; customerId?: string }[] = [];
    let ExclusiveStartKey: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.client.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: 'sk IN (:contact, :complaint)',
          ProjectionExpression: 'pk, sk, email, customerId',
          ExpressionAttributeValues: marshall({ ':contact': 'CONTACT', ':complaint': 'COMPLAINT' }),
          ExclusiveStartKey,
        }),
      );
      for (const item of (page.Items ?? []).map((raw) => unmarshall(raw))) {
        const email = typeof item['email'] === 'string' ? item['email'].toLowerCase() : undefined;
        const customerId = typeof item['customerId'] === 'string' ? item['customerId'] : undefined;
        if (item['sk'] === 'CONTACT' && email !== undefined && customerId !== undefined) contacts.push({ customerId, email });
        else if (item['sk'] === 'COMPLAINT') complaints.push({ key: { pk: String(item['pk']), sk: 'COMPLAINT' }, email, customerId });
      }
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey !== undefined);
    for (const contact of contacts) {
      if (emails.has(contact.email)) ids.add(contact.customerId);
      if (ids.has(contact.customerId)) emails.add(contact.email);
    }
    return complaints
      .filter(({ email, customerId }) => (email !== undefined && emails.has(email)) || (customerId !== undefined && ids.has(customerId)))
      .map(({ key }) => key);
  }

  private async getItem(key: Key): Promise<Record<string, unknown> | undefined> {
    const { Item } = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: marshall(key), ConsistentRead: true }));
    return Item === undefined ? undefined : unmarshall(Item);
  }

  private async getItems(keys: readonly Key[]): Promise<FoundItem[]> {
    const items: FoundItem[] = [];
    for (let start = 0; start < keys.length; start += 100) {
      let pending: Record<string, AttributeValue>[] | undefined = keys.slice(start, start + 100).map((key) => marshall(key));
      while (pending !== undefined && pending.length > 0) {
        const answer: BatchGetItemCommandOutput = await this.client.send(
          new BatchGetItemCommand({ RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } } }),
        );
        items.push(...(answer.Responses?.[this.tableName] ?? []).map((item) => unmarshall(item) as FoundItem));
        pending = answer.UnprocessedKeys?.[this.tableName]?.Keys;
      }
    }
    return items;
  }

  private async query(partition: { readonly pk: string } | { readonly gsi1pk: string }): Promise<FoundItem[]> {
    const onIndex = 'gsi1pk' in partition;
    const items: FoundItem[] = [];
    let ExclusiveStartKey: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          ...(onIndex ? { IndexName: 'gsi1' } : { ConsistentRead: true }),
          KeyConditionExpression: onIndex ? 'gsi1pk = :pk' : 'pk = :pk',
          ExpressionAttributeValues: marshall({ ':pk': onIndex ? partition.gsi1pk : partition.pk }),
          ExclusiveStartKey,
        }),
      );
      items.push(...(page.Items ?? []).map((item) => unmarshall(item) as FoundItem));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey !== undefined);
    return items;
  }
}

/** Every outbox item an escalation can have: one per kind and level. */
const outboxKeysOf = (escalationId: string): Key[] =>
  NOTIFICATION_KINDS.flatMap((kind) =>
    Array.from({ length: MAX_LEVEL }, (_, index) => ({ pk: `NOTIFICATION#${notificationIdOf(escalationId, kind, index + 1)}`, sk: 'NOTIFICATION' })),
  );
