import { DeleteItemCommand, type DynamoDBClient, paginateQuery } from '@aws-sdk/client-dynamodb';
import { clean } from '../../platform/single-table/clean-item.ts';

/**
 * Deletes what is left under an escalation's key once DynamoDB's TTL deleted the escalation: its
 * audit entries (`ESCALATION#<id>` / `AUDIT#…`). One Query (a page per 1 MB) and a DeleteItem per
 * entry (a trail holds a handful; DeleteItem, not BatchWriteItem, whose grant would also allow
 * puts). Deleting again finds nothing, so a redelivered record is harmless.
 *
 * @example
 * ```ts
 * await deleteAuditTrail(new DynamoDBClient({}), config.TABLE_NAME, 'esc-1'); // 3 (entries deleted)
 * ```
 */
export const deleteAuditTrail = async (dynamodb: DynamoDBClient, tableName: string, escalationId: string): Promise<number> => {
  const pages = paginateQuery(
    { client: dynamodb },
    {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :audit)',
      ExpressionAttributeValues: clean({ ':pk': `ESCALATION#${escalationId}`, ':audit': 'AUDIT#' }),
      ProjectionExpression: 'pk, sk',
    },
  );
  let deleted = 0;
  for await (const page of pages) {
    await Promise.all((page.Items ?? []).map((Key) => dynamodb.send(new DeleteItemCommand({ TableName: tableName, Key }))));
    deleted += page.Items?.length ?? 0;
  }
  return deleted;
};
