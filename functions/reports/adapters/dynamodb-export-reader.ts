/*
 * The export's reads of the feedback table, all on gsi1 (the partitions: core/export-partitions.ts):
 * - Query gsi1pk = <partition> AND gsi1sk BETWEEN <from> AND <to>, a page at a time, responses of a
 *   team filtered by `reportedAs.team`.
 * The position between pages travels as a cursor: the index of the partition and DynamoDB's
 * LastEvaluatedKey, base64url JSON. The partitions themselves are always recomputed from the
 * caller's scope.
 */
import { type AttributeValue, type DynamoDBClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import * as z from 'zod/mini';
import { clean } from '../../platform/single-table/clean-item.ts';
import type { ExportPartition } from '../core/export-partitions.ts';

/** Where the next page starts: the partition's index and, within it, DynamoDB's key. */
interface ExportPosition {
  readonly partition: number;
  readonly key?: Record<string, AttributeValue> | undefined;
}

const positionSchema = z.strictObject({
  partition: z.int().check(z.gte(0)),
  key: z.optional(z.record(z.string(), z.strictObject({ S: z.string() }))),
});

/** The cursor does not read as a position: forged, cut or from another version. */
export class InvalidExportCursorError extends Error {
  override readonly name = 'InvalidExportCursorError';
}

const encode = (position: ExportPosition) => Buffer.from(JSON.stringify(position)).toString('base64url');
const decode = (cursor: string): ExportPosition => {
  try {
    return positionSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch (error) {
    throw new InvalidExportCursorError('The cursor is not one this export gave.', { cause: error });
  }
};

/**
 * Reads export items page by page.
 *
 * @example
 * ```ts
 * const page = await reader.readPage(partitions, { cursor, maxItems: 1000 });
 * ```
 */
export class DynamoDbExportReader {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  /**
   * Up to `maxItems` items from the position `cursor` names (the start without one), and the
   * cursor of the rest, if any. One Query, or several when a partition ends before `maxItems`.
   */
  async readPage(partitions: readonly ExportPartition[], options: { readonly cursor?: string | undefined; readonly maxItems: number }) {
    let position = options.cursor === undefined ? { partition: 0 } : decode(options.cursor);
    if (position.partition > partitions.length) throw new InvalidExportCursorError('The cursor is past this export.');
    const items: Record<string, unknown>[] = [];
    while (position.partition < partitions.length && items.length < options.maxItems) {
      const { partition, from, to, team } = partitions[position.partition]!;
      const page = await this.query(position, {
        KeyConditionExpression: 'gsi1pk = :partition AND gsi1sk BETWEEN :from AND :to',
        ...(team === undefined ? {} : { FilterExpression: 'reportedAs.team = :team' }),
        ExpressionAttributeValues: clean({ ':partition': partition, ':from': from, ':to': to, ...(team === undefined ? {} : { ':team': team }) }),
        Limit: options.maxItems - items.length,
      });
      items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
      position = page.LastEvaluatedKey === undefined ? { partition: position.partition + 1 } : { partition: position.partition, key: page.LastEvaluatedKey };
    }
    return { items, cursor: position.partition < partitions.length ? encode(position) : undefined };
  }

  // A start key DynamoDB refuses (one made up to look like ours) is the cursor's fault, not ours.
  private async query(position: ExportPosition, input: Omit<QueryCommandInput, 'TableName' | 'IndexName' | 'ExclusiveStartKey'>) {
    try {
      return await this.client.send(new QueryCommand({ ...input, TableName: this.tableName, IndexName: 'gsi1', ExclusiveStartKey: position.key }));
    } catch (error) {
      if (position.key !== undefined && error instanceof Error && error.name === 'ValidationException') {
        throw new InvalidExportCursorError('The cursor is not one this export gave.', { cause: error });
      }
      throw error;
    }
  }
}
