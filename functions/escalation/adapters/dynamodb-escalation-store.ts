/*
 * Escalation items in the single table (every key a string):
 *
 * | item        | pk               | sk                  | gsi1pk / gsi2pk                  | gsi1sk                | gsi2sk            | gsi3pk (sparse)            | gsi3sk            |
 * |-------------|------------------|---------------------|----------------------------------|-----------------------|-------------------|----------------------------|-------------------|
 * | escalation  | ESCALATION#<id>  | ESCALATION          | ESCALATIONS#<team>#<status>      | <createdAt>#<id>      | <dueAt>#<id>      | ESCALATIONS_UNACKNOWLEDGED | <watchAt>#<id>    |
 * | audit entry | ESCALATION#<id>  | AUDIT#<at>#<seq>    |                                  |                       |                   |                            |                   |
 * | outbox item | NOTIFICATION#<n> | NOTIFICATION        | NOTIFICATIONS_PENDING (gsi1)     | <createdAt>#<n>       |                   |                            |                   |
 *
 * `dueAt` is the clock that runs: `ackDueAt` while open or claimed, then `resolveDueAt`. `seq` is
 * the escalation's version after the change (six digits), so two entries of one millisecond keep
 * their order and never share a key. gsi3 holds only open and claimed escalations that have not
 * breached at the top of the chain (the status change that acknowledges or resolves REMOVEs
 * gsi3pk/gsi3sk by rewriting the item without them). `watchAt` is when the SLA watcher next has
 * work on it: `warnAt` until the level's assignee is warned, then `ackDueAt` (warnAt <= ackDueAt,
 * so one Query by `watchAt <= now` finds both warnings and breaches, and nothing not yet due).
 * Outbox items (functions/escalation/contracts/stored-notification-items.ts, `n` =
 * `<escalationId>#<kind>#<level>`) are put once by the watcher, in the step's transaction.
 *
 * Access patterns:
 * - an escalation with its history, oldest entry first: Query pk=ESCALATION#<id> (consistent; AUDIT# sorts before ESCALATION);
 * - list by team and status, newest first: Query gsi1 gsi1pk=ESCALATIONS#<team>#<status>, ScanIndexForward=false;
 * - list by team and status, most overdue first: Query gsi2 gsi2pk=ESCALATIONS#<team>#<status>, ascending;
 *   several teams or statuses: one Query per partition, merged (k-way) into one page; severity and
 *   assignee are FilterExpressions within those partitions, never a Scan;
 * - the SLA watcher's due work (warning or acknowledgement due), earliest first: Query gsi3
 *   gsi3pk=ESCALATIONS_UNACKNOWLEDGED, gsi3sk <= <now>#~;
 * - a watcher step: PutItem of the escalation on `version = <read version>`, Put of its audit entry
 *   and of its outbox item on `attribute_not_exists(pk)`, in one TransactWriteItems;
 * - create with the complaint: `createEscalationItems` returns Puts (attribute_not_exists) the
 *   complaint consumer adds to the TransactWriteItems that stores the complaint;
 * - change: PutItem of the whole escalation on condition `version = <read version>`, plus a Put of
 *   its audit entry on `attribute_not_exists(pk)`, in one TransactWriteItems. The API's role
 *   has GetItem, Query and PutItem only: no UpdateItem or DeleteItem, so nothing edits a trail.
 */
import {
  GetItemCommand,
  QueryCommand,
  type AttributeValue,
  type DynamoDBClient,
  type QueryCommandInput,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { clean } from '../../platform/single-table/clean-item.ts';
import { writeLabelledTransaction } from '../../platform/single-table/labelled-transaction.ts';
import { applyEscalationAction, type EscalationAction, type EscalationActor } from '../core/apply-escalation-action.ts';
import type { AuditEntry, Escalation } from '../core/escalation.ts';
import { EscalationNotFoundError } from '../core/errors.ts';
import type {
  EscalationListPage,
  EscalationListPosition,
  EscalationListQuery,
  EscalationStore,
  StoredEscalation,
  UnacknowledgedPage,
  WatchedEscalation,
  WatcherChange,
} from '../core/escalation-store.ts';
import { storedAuditEntrySchema, storedEscalationSchema } from '../contracts/stored-escalation-items.ts';
import { listPartitionsOf } from '../core/list-cursor.ts';

const UNACKNOWLEDGED = 'ESCALATIONS_UNACKNOWLEDGED';
const escalationKey = (id: string) => ({ pk: `ESCALATION#${id}`, sk: 'ESCALATION' });
const auditKey = (id: string, entry: AuditEntry, seq: number) => ({ pk: `ESCALATION#${id}`, sk: `AUDIT#${entry.at}#${String(seq).padStart(6, '0')}` });
// A lost race (the version moved, or a concurrent transaction on the item) is read again and
// decided again by the core: the loser of two claims then meets `already_claimed`.
const MAX_ATTEMPTS = 3;

/** The whole escalation item: state, version and the index attributes its status calls for. */
const escalationItem = (escalation: Omit<Escalation, 'audit'>, reference: string, version: number) => {
  const { audit: _audit, ...state } = escalation as Escalation;
  const partition = `ESCALATIONS#${escalation.team}#${escalation.status}`;
  const unacknowledged = escalation.status === 'open' || escalation.status === 'claimed';
  const dueAt = unacknowledged ? escalation.ackDueAt : escalation.resolveDueAt;
  // The SLA watcher's next work on it: the warning until it is warned, then the acknowledgement
  // breach; none once the top of the chain has breached (it stays listed, but off the watcher's index).
  const watchAt = escalation.warned ? escalation.ackDueAt : escalation.warnAt;
  const watched = unacknowledged && !escalation.breached;
  return {
    ...escalationKey(escalation.id),
    ...state,
    reference,
    version,
    gsi1pk: partition,
    gsi1sk: `${escalation.createdAt}#${escalation.id}`,
    gsi2pk: partition,
    gsi2sk: `${dueAt}#${escalation.id}`,
    ...(watched ? { gsi3pk: UNACKNOWLEDGED, gsi3sk: `${watchAt}#${escalation.id}` } : {}),
  };
};

const escalationOf = (item: Record<string, unknown>): Omit<StoredEscalation, 'audit'> => {
  const { pk: _pk, sk: _sk, gsi1pk: _1, gsi1sk: _2, gsi2pk: _3, gsi2sk: _4, gsi3pk: _5, gsi3sk: _6, ...escalation } = storedEscalationSchema.parse(item);
  return escalation as Omit<StoredEscalation, 'audit'>;
};

const auditEntryOf = (item: Record<string, unknown>): AuditEntry => {
  const { at, actor, action, detail } = storedAuditEntrySchema.parse(item);
  return { at, actor, action, detail };
};

/**
 * The Puts that store a new escalation and its opening audit entries, each on
 * `attribute_not_exists(pk)`: the complaint consumer adds them to the TransactWriteItems that
 * stores the complaint, so both exist or neither (a redelivery finds them and is a no-op).
 *
 * @example
 * ```ts
 * await client.send(new TransactWriteItemsCommand({ TransactItems: [complaintPut, ...createEscalationItems(tableName, escalation, reference)] }));
 * ```
 */
export const createEscalationItems = (tableName: string, escalation: Escalation, reference: string): TransactWriteItem[] => [
  {
    Put: { TableName: tableName, Item: clean(escalationItem(escalation, reference, escalation.audit.length)), ConditionExpression: 'attribute_not_exists(pk)' },
  },
  ...escalation.audit.map((entry, index) => ({
    Put: { TableName: tableName, Item: clean({ ...auditKey(escalation.id, entry, index + 1), ...entry }), ConditionExpression: 'attribute_not_exists(pk)' },
  })),
];

/**
 * The DynamoDB single table behind {@link EscalationStore}. DynamoDB requests per operation:
 * `create` 1 (TransactWriteItems of 1 + the opening entries); `get` 1 Query (one more per 1 MB of
 * history); `findUnacknowledgedDue` 1 Query on gsi3 per page; `applyAction` 2 (GetItem + TransactWriteItems of 2, plus `alsoWrite`'s items; at most 3 attempts when it loses a
 * race); `list` one Query per (team, status) partition in scope per page; a watcher step 1 TransactWriteItems of 3 (2 for a
 * breach) after the page's Query, plus a GetItem and another transaction per lost race.
 *
 * @example
 * ```ts
 * const store = new DynamoDbEscalationStore(new DynamoDBClient({}), config.TABLE_NAME);
 * const { escalation, entry } = await store.applyAction(id, { type: 'claim' }, actor, new Date());
 * ```
 */
export class DynamoDbEscalationStore implements EscalationStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async create(escalation: Escalation, reference: string): Promise<'created' | 'exists'> {
    const outcome = await writeLabelledTransaction(
      this.client,
      createEscalationItems(this.tableName, escalation, reference).map((item, index) => ({ label: index === 0 ? 'escalation' : 'audit-entry', item })),
    );
    if (outcome.committed) return 'created';
    if (outcome.failedConditions.includes('escalation')) return 'exists';
    throw outcome.error;
  }

  async get(id: string): Promise<StoredEscalation | undefined> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: clean({ ':pk': escalationKey(id).pk }),
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    const state = items.find((item) => item['sk'] === 'ESCALATION');
    if (state === undefined) return undefined;
    return { ...escalationOf(state), audit: items.filter((item) => String(item['sk']).startsWith('AUDIT#')).map(auditEntryOf) };
  }

  async list(query: EscalationListQuery): Promise<EscalationListPage> {
    const newest = query.sort === 'newest';
    const index = newest ? 'gsi1' : 'gsi2';
    const sortKeyOf = (item: Record<string, unknown>) => String(item[`${index}sk`]);
    const keyOf = (item: Record<string, unknown>) =>
      Object.fromEntries(['pk', 'sk', `${index}pk`, `${index}sk`].map((name) => [name, String(item[name])])) as Record<string, string>;
    const filters = [...(query.severity === undefined ? [] : ['severity = :severity']), ...(query.assignee === undefined ? [] : ['assignee = :assignee'])];
    const partitions = listPartitionsOf(query).filter((partition) => (query.after?.[partition] ?? 'start') !== 'done');
    const pages = await Promise.all(
      partitions.map(async (partition) => {
        const after = query.after?.[partition];
        const input: QueryCommandInput = {
          TableName: this.tableName,
          IndexName: index,
          KeyConditionExpression: `${index}pk = :partition`,
          ExpressionAttributeValues: clean({ ':partition': `ESCALATIONS#${partition}`, ':severity': query.severity, ':assignee': query.assignee }),
          ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
          ScanIndexForward: !newest,
          Limit: query.limit,
          ...(after !== undefined && after !== 'start' && after !== 'done' ? { ExclusiveStartKey: clean(after) } : {}),
        };
        const { Items, LastEvaluatedKey } = await this.client.send(new QueryCommand(input));
        return {
          partition,
          items: (Items ?? []).map((item) => unmarshall(item)),
          lastKey: LastEvaluatedKey && (unmarshall(LastEvaluatedKey) as Record<string, string>),
        };
      }),
    );
    // Each partition is in order already: merge, keep the first `limit`, and remember per partition where the page stopped.
    const merged = pages
      .flatMap((page) => page.items.map((item) => ({ partition: page.partition, item })))
      .sort((a, b) => (newest ? sortKeyOf(b.item).localeCompare(sortKeyOf(a.item)) : sortKeyOf(a.item).localeCompare(sortKeyOf(b.item))))
      .slice(0, query.limit);
    const next: Record<string, EscalationListPosition[string]> = {};
    for (const partition of listPartitionsOf(query)) next[partition] = query.after?.[partition] ?? 'start';
    for (const page of pages) {
      const taken = merged.filter((entry) => entry.partition === page.partition);
      const last = taken.at(-1);
      if (taken.length === page.items.length) next[page.partition] = page.lastKey ?? 'done';
      else if (last !== undefined) next[page.partition] = keyOf(last.item);
    }
    const more = Object.values(next).some((position) => position !== 'done');
    return { escalations: merged.map(({ item }) => ({ ...escalationOf(item), audit: [] })), ...(more ? { next } : {}) };
  }

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

  async applyAction(
    id: string,
    action: EscalationAction,
    actor: EscalationActor,
    now: Date,
    alsoWrite?: (escalation: Omit<StoredEscalation, 'audit'>) => Promise<readonly TransactWriteItem[]>,
  ): Promise<{ escalation: Omit<StoredEscalation, 'audit'>; entry: AuditEntry }> {
    for (let attempt = 1; ; attempt++) {
      const { Item } = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: clean(escalationKey(id)), ConsistentRead: true }));
      if (!Item) throw new EscalationNotFoundError('escalation_not_found', `No escalation has the id ${id}.`);
      const { reference, version, ...current } = escalationOf(unmarshall(Item));
      const { escalation: changed, entry } = applyEscalationAction({ ...current, audit: [] }, action, actor, now);
      const { audit: _audit, ...next } = changed;
      const extra = (await alsoWrite?.({ ...next, reference, version: version + 1 })) ?? [];
      const outcome = await writeLabelledTransaction(this.client, [
        {
          label: 'escalation',
          item: {
            Put: {
              TableName: this.tableName,
              Item: clean(escalationItem(next, reference, version + 1)),
              ConditionExpression: 'version = :read',
              ExpressionAttributeValues: clean({ ':read': version }),
            },
          },
        },
        {
          label: 'audit-entry',
          item: {
            Put: { TableName: this.tableName, Item: clean({ ...auditKey(id, entry, version + 1), ...entry }), ConditionExpression: 'attribute_not_exists(pk)' },
          },
        },
        ...extra.map((item) => ({ label: 'also-written' as const, item })),
      ]);
      if (outcome.committed) return { escalation: { ...next, reference, version: version + 1 }, entry };
      const lostRace = outcome.failedConditions.length > 0 || outcome.conflicts.length > 0;
      if (!lostRace || attempt >= MAX_ATTEMPTS) throw outcome.error;
    }
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
      {
        label: 'escalation',
        item: {
          Put: {
            TableName: this.tableName,
            Item: clean(escalationItem(change.escalation, read.reference, read.version + 1)),
            ConditionExpression: 'version = :read',
            ExpressionAttributeValues: clean({ ':read': read.version }),
          },
        },
      },
      {
        label: 'audit-entry',
        item: {
          Put: {
            TableName: this.tableName,
            Item: clean({ ...auditKey(read.id, change.entry, read.version + 1), ...change.entry }),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      },
      ...(notification === undefined
        ? []
        : [
            {
              label: 'notification' as const,
              item: {
                Put: {
                  TableName: this.tableName,
                  Item: clean({
                    pk: `NOTIFICATION#${notification.notificationId}`,
                    sk: 'NOTIFICATION',
                    gsi1pk: 'NOTIFICATIONS_PENDING',
                    gsi1sk: `${notification.createdAt}#${notification.notificationId}`,
                    ...notification,
                  }),
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            },
          ]),
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
