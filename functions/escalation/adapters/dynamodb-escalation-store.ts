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
  SupervisorEscalationStore,
} from '../core/escalation-store.ts';
import { listPartitionsOf } from '../core/list-cursor.ts';
import { storedAuditEntrySchema } from '../contracts/stored-audit-entry.ts';
import { createEscalationItems, type EscalationRetention, escalationChangeItems, escalationKey, escalationOf } from './escalation-items.ts';

// A lost race (the version moved, or a concurrent transaction on the item) is read again and
// decided again by the core: the loser of two claims then meets `already_claimed`.
const MAX_ATTEMPTS = 3;

const auditEntryOf = (item: Record<string, unknown>): AuditEntry => {
  const { at, actor, action, detail } = storedAuditEntrySchema.parse(item);
  return { at, actor, action, detail };
};

/**
 * The DynamoDB single table behind the supervisor API's {@link SupervisorEscalationStore}, and
 * `create` (items and indexes: `escalation-items.ts`; the SLA watcher's operations are
 * `dynamodb-sla-watch-store.ts`). DynamoDB requests per operation: `create` 1 (TransactWriteItems
 * of 1 + the opening entries); `get` 1 Query (one more per 1 MB of history); `applyAction` 2
 * (GetItem + TransactWriteItems of 2, plus `alsoWrite`'s items; at most 3 attempts when it loses a
 * race); `list` one Query per (team, status) partition in scope per page.
 *
 * @example
 * ```ts
 * const store = new DynamoDbEscalationStore(new DynamoDBClient({}), config.TABLE_NAME);
 * const { escalation, entry } = await store.applyAction(id, { type: 'claim' }, actor, new Date());
 * ```
 */
export class DynamoDbEscalationStore implements SupervisorEscalationStore, Pick<EscalationStore, 'create'> {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    /** Given, a resolve writes the escalation's TTL. @default - resolved escalations are kept */
    private readonly retention?: EscalationRetention,
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
        ...escalationChangeItems(this.tableName, next, entry, { reference, version }, this.retention),
        ...extra.map((item) => ({ label: 'also-written' as const, item })),
      ]);
      if (outcome.committed) return { escalation: { ...next, reference, version: version + 1 }, entry };
      const lostRace = outcome.failedConditions.length > 0 || outcome.conflicts.length > 0;
      if (!lostRace || attempt >= MAX_ATTEMPTS) throw outcome.error;
    }
  }
}
