/*
 * The report counters, in their own table (so the feedback table's stream, which feeds them, does
 * not carry their writes back). Every key a string:
 *
 * | item    | pk                                                       | sk      | attributes                                 |
 * |---------|----------------------------------------------------------|---------|--------------------------------------------|
 * | counter | COUNTER#<period kind>#<period key>#<all or team>#<shard> | <value> | one number per field (`csat_5`, `sent`, …) |
 * | counter | COUNTER#<period kind>#<period key>#team:<team>:<dim>#0   | <value> | the same, a breakdown within one team      |
 * | counter | COUNTER#<period kind>#<period key>#no-team:<dim>#0       | <value> | the same, of the items without a team      |
 * | marker  | COUNTED#<stream event id>                                | COUNTED | `expiresAt` (TTL, two days)                |
 *
 * Access patterns:
 * - count a batch: one TransactWriteItems of the markers (conditional puts) and an ADD per counter;
 * - read one period by one dimension: Query its partition, every value of the dimension in it; an
 *   overall dimension (`all`, `team`) is sharded, so COUNTER_SHARDS Queries, the shards summed.
 *
 * The team is URI-encoded in the key, so no team name (`#`, `:` and all) can reach another's counters.
 */
import { type DynamoDBClient, paginateQuery } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { clean } from '../../platform/single-table/clean-item.ts';
import { type LabelledItem, writeLabelledTransaction } from '../../platform/single-table/labelled-transaction.ts';
import { COUNTER_SHARDS, type CounterStore } from '../core/apply-stream-changes.ts';
import { type CounterCell, type Dimension, isOverallDimension, type Tally } from '../core/counter-tally.ts';
import type { Period } from '../core/report-periods.ts';
import type { CounterReader, CountsByValue } from '../core/summarize-reports.ts';

/** How long a marker is kept: past the stream's 24-hour retention and the mapping's retries. */
const MARKER_DAYS = 2;

const counterPk = (period: Period, team: string | undefined, dimension: Dimension, shard: number) => {
  if (isOverallDimension(dimension)) return `COUNTER#${period.kind}#${period.key}#${dimension}#${shard}`;
  return `COUNTER#${period.kind}#${period.key}#${team === undefined ? 'no-team:' : `team:${encodeURIComponent(team)}:`}${dimension}#0`;
};

/**
 * The counters table behind {@link CounterStore} (the stream consumer) and {@link CounterReader} (the reports).
 *
 * @example
 * ```ts
 * const store = new DynamoDbCounterStore(new DynamoDBClient({}), config.REPORTS_TABLE_NAME);
 * const byTeam = await store.readCounts({ kind: 'month', key: '2026-12' }, 'team');
 * ```
 */
export class DynamoDbCounterStore implements CounterStore, CounterReader {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async addCounts(eventIds: readonly string[], sum: Tally, shard: number) {
    const expiresAt = Math.floor(this.now().getTime() / 1000) + MARKER_DAYS * 86_400;
    const items: LabelledItem<string>[] = eventIds.map((eventId) => ({
      label: eventId,
      item: {
        Put: {
          TableName: this.tableName,
          Item: clean({ pk: `COUNTED#${eventId}`, sk: 'COUNTED', expiresAt }),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    }));
    for (const { cell, fields } of sum.values()) items.push({ label: '', item: { Update: this.addition(cell, fields, shard) } });
    const outcome = await writeLabelledTransaction(this.client, items);
    if (outcome.committed) return { kind: 'committed' } as const;
    if (outcome.failedConditions.length > 0) return { kind: 'repeated', eventIds: outcome.failedConditions } as const;
    if (outcome.conflicts.length > 0) return { kind: 'conflict' } as const;
    throw outcome.error;
  }

  /**
   * Every value's counts of one dimension in one period: an overall dimension's shards summed
   * ({@link COUNTER_SHARDS} Queries), or a breakdown within `team` (absent: of the items without
   * a team) in one Query.
   *
   * @example
   * ```ts
   * (await store.readCounts({ kind: 'day', key: '2026-12-06' }, 'all')).get('all')?.get('csat_5');
   * await store.readCounts({ kind: 'month', key: '2026-12' }, 'agent', 'japan-support');
   * ```
   */
  async readCounts(period: Period, dimension: Dimension, team?: string): Promise<CountsByValue> {
    const counts = new Map<string, Map<string, number>>();
    await Promise.all(
      Array.from({ length: isOverallDimension(dimension) ? COUNTER_SHARDS : 1 }, async (_, shard) => {
        const pages = paginateQuery(
          { client: this.client },
          {
            TableName: this.tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: clean({ ':pk': counterPk(period, team, dimension, shard) }),
          },
        );
        for await (const page of pages) {
          for (const item of page.Items ?? []) {
            const { pk: _pk, sk, ...fields } = unmarshall(item) as Record<string, unknown>;
            const value = counts.get(String(sk)) ?? new Map<string, number>();
            for (const [field, amount] of Object.entries(fields)) if (typeof amount === 'number') value.set(field, (value.get(field) ?? 0) + amount);
            counts.set(String(sk), value);
          }
        }
      }),
    );
    return counts;
  }

  private addition(cell: CounterCell, fields: ReadonlyMap<string, number>, shard: number) {
    const names: Record<string, string> = {};
    const values: Record<string, number> = {};
    const terms = [...fields].map(([field, amount], index) => {
      names[`#f${index}`] = field;
      values[`:v${index}`] = amount;
      return `#f${index} :v${index}`;
    });
    return {
      TableName: this.tableName,
      Key: clean({ pk: counterPk(cell.period, cell.team, cell.dimension, shard), sk: cell.value }),
      UpdateExpression: `ADD ${terms.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: clean(values),
    };
  }
}
