import type { AttributeValue, TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';

/**
 * The round-robin item (`ROUND_ROBIN` / `ESCALATION`): one attribute `cursor:<team>` per team,
 * the supervisor assigned last. Read in the opener's BatchGetItem, set in its transaction
 * without a version condition (see dynamodb-complaint-intake-store.ts for why).
 */
export const ROUND_ROBIN_KEY = { pk: 'ROUND_ROBIN', sk: 'ESCALATION' } as const;

const CURSOR_PREFIX = 'cursor:';

/** Per team, the supervisor assigned last, from the (unmarshalled) round-robin item. */
export const roundRobinCursorsOf = (item: Record<string, unknown> | undefined): Record<string, string> =>
  Object.fromEntries(
    Object.entries(item ?? {})
      .filter(([name]) => name.startsWith(CURSOR_PREFIX))
      .map(([name, value]) => [name.slice(CURSOR_PREFIX.length), String(value)]),
  );

/** The transaction's update of one team's cursor, or nothing when the assignment did not move it. */
export const roundRobinCursorUpdates = (tableName: string, team: string, next: string | undefined): TransactWriteItem[] =>
  next === undefined
    ? []
    : [
        {
          Update: {
            TableName: tableName,
            Key: marshall(ROUND_ROBIN_KEY) as Record<string, AttributeValue>,
            UpdateExpression: 'SET #cursor = :next',
            ExpressionAttributeNames: { '#cursor': `${CURSOR_PREFIX}${team}` },
            ExpressionAttributeValues: marshall({ ':next': next }),
          },
        },
      ];
