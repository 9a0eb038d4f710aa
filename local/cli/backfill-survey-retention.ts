import { GetItemCommand, ScanCommand, UpdateItemCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { retainUntilOf } from '../../functions/surveys/core/customer-survey-history.ts';
import { conditionalWrite } from '../../functions/platform/single-table/conditional-write.ts';

/** What a backfill changed; a rerun finds nothing left to change. */
export interface RetentionBackfill {
  /** Invitation items and case pointers given `linkExpiresAt` and a TTL. */
  readonly invitations: number;
  /** Responses given their invitation's TTL. */
  readonly responses: number;
  /** Responses whose invitation is gone or has no TTL: left as they are. */
  readonly responsesLeft: number;
}

/**
 * Gives the survey items written before retention existed their TTL, as the pipeline now writes
 * them: each invitation and case pointer whose `expiresAt` still holds the link's expiry as text
 * gets it as `linkExpiresAt`, and `expiresAt` becomes `retentionDays` after it (epoch seconds);
 * then each response without `expiresAt` gets its invitation's. One Scan, a page at a time, for
 * a command run once after an upgrade; every update is conditional, so a rerun, or a write of
 * the pipeline meanwhile, changes nothing twice.
 *
 * @example
 * ```ts
 * const { invitations, responses } = await backfillSurveyRetention(client, 'SupportFeedbackPipeline-Table…', 730);
 * ```
 */
export async function backfillSurveyRetention(client: DynamoDBClient, tableName: string, retentionDays: number): Promise<RetentionBackfill> {
  let invitations = 0;
  const responses: string[] = [];
  let ExclusiveStartKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: '(sk = :invitation AND attribute_type(expiresAt, :text)) OR (sk = :response AND attribute_not_exists(expiresAt))',
        ProjectionExpression: 'pk, sk, expiresAt',
        ExpressionAttributeValues: marshall({ ':invitation': 'INVITATION', ':response': 'RESPONSE', ':text': 'S' }),
        ExclusiveStartKey,
      }),
    );
    for (const item of (page.Items ?? []).map((found) => unmarshall(found) as { pk: string; sk: string; expiresAt?: string })) {
      if (item.sk === 'RESPONSE') {
        responses.push(item.pk);
        continue;
      }
      const linkExpiresAt = item.expiresAt!;
      const written = await conditionalWrite(
        client.send(
          new UpdateItemCommand({
            TableName: tableName,
            Key: marshall({ pk: item.pk, sk: item.sk }),
            UpdateExpression: 'SET linkExpiresAt = :link, expiresAt = :ttl',
            ConditionExpression: 'expiresAt = :link',
            ExpressionAttributeValues: marshall({ ':link': linkExpiresAt, ':ttl': retainUntilOf(linkExpiresAt, retentionDays) }),
          }),
        ),
      );
      if (written === 'written') invitations++;
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey !== undefined);

  // The responses after every invitation, so each finds its invitation's TTL in place.
  let given = 0;
  for (const pk of responses) {
    const { Item } = await client.send(
      new GetItemCommand({ TableName: tableName, Key: marshall({ pk, sk: 'INVITATION' }), ProjectionExpression: 'expiresAt', ConsistentRead: true }),
    );
    const retainUntil = Item === undefined ? undefined : unmarshall(Item)['expiresAt'];
    if (typeof retainUntil !== 'number') continue;
    const written = await conditionalWrite(
      client.send(
        new UpdateItemCommand({
          TableName: tableName,
          Key: marshall({ pk, sk: 'RESPONSE' }),
          UpdateExpression: 'SET expiresAt = :ttl',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(expiresAt)',
          ExpressionAttributeValues: marshall({ ':ttl': retainUntil }),
        }),
      ),
    );
    if (written === 'written') given++;
  }
  return { invitations, responses: given, responsesLeft: responses.length - given };
}
