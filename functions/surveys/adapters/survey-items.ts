// What the survey adapters share about the survey items (keys: survey-item-keys.ts): the invitation, response and decision mappers, the due-index entry, the two paged Queries and the
// conditional update.
import { QueryCommand, UpdateItemCommand, type AttributeValue, type DynamoDBClient, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { clean } from '../../platform/single-table/clean-item.ts';
import { conditionalWrite } from '../../platform/single-table/conditional-write.ts';
import type { SurveyInvitation } from '../core/customer-survey-history.ts';
import type { SurveyDecisionRecord } from '../contracts/survey-decision-record.ts';
import type { DueInvitationsPage } from '../core/survey-invitation-store.ts';
import { storedInvitationSchema } from '../contracts/stored-invitation.ts';
import { decisionKey, invitationKey, responseKey } from '../contracts/survey-item-keys.ts';
import type { SurveyResponse } from '../core/record-survey-answer.ts';

/** The sparse gsi1 partition of invitations waiting to be sent. */
export const INVITATIONS_DUE = 'INVITATIONS_DUE';
/** The sparse gsi1 partition of sent invitations whose reminder is pending. */
export const REMINDERS_DUE = 'REMINDERS_DUE';
/** A lost race between two transactions on one item (TransactionConflict) is worth another try, up to this many. */
export const MAX_TRANSACTION_ATTEMPTS = 3;

/**
 * The invitation an invitation item or case pointer holds, keys and index attributes dropped;
 * throws on an item that is not a valid invitation.
 *
 * @example
 * ```ts
 * const invitation = Item ? invitationOf(unmarshall(Item)) : undefined;
 * ```
 */
export const invitationOf = (item: Record<string, unknown>): SurveyInvitation => {
  const { pk: _pk, sk: _sk, gsi1pk: _gsi1pk, gsi1sk: _gsi1sk, linkExpiresAt, expiresAt, ...invitation } = storedInvitationSchema.parse(item);
  // An item written before retention existed holds the link's expiry in `expiresAt`.
  const linkExpiry = linkExpiresAt ?? (typeof expiresAt === 'string' ? expiresAt : undefined);
  if (linkExpiry === undefined) throw new TypeError(`invitation ${invitation.invitationId} has no link expiry`);
  return { ...invitation, expiresAt: linkExpiry, retainUntil: typeof expiresAt === 'number' ? expiresAt : undefined } as SurveyInvitation;
};

/**
 * An invitation's attributes as stored (on its item and its case pointer): the link's expiry as
 * `linkExpiresAt`, and `expiresAt`, the table's TTL attribute, its retention in epoch seconds.
 *
 * @example
 * ```ts
 * const item = clean({ ...invitationKey(invitation.invitationId), ...invitationAttributes(invitation) });
 * ```
 */
export const invitationAttributes = (invitation: SurveyInvitation): Record<string, unknown> => {
  const { expiresAt, retainUntil, ...rest } = invitation;
  return { ...rest, linkExpiresAt: expiresAt, ...(retainUntil === undefined ? {} : { expiresAt: retainUntil }) };
};

/**
 * A response as stored, with its key: it goes when its invitation does (the table's TTL), carries
 * what the report counters, which see only the item's stream record, count it under, and is
 * listed by the month first answered, for the reports' export.
 *
 * @example
 * ```ts
 * const item = clean(responseAttributes(response, invitation));
 * ```
 */
export const responseAttributes = (response: SurveyResponse, invitation: SurveyInvitation): Record<string, unknown> => ({
  ...responseKey(response.invitationId),
  ...response,
  surveyKind: invitation.kind,
  reportedAs: invitation.reportedAs,
  gsi1pk: `RESPONSES#${response.firstAnsweredAt.slice(0, 7)}`,
  gsi1sk: `${response.firstAnsweredAt}#${response.invitationId}`,
  expiresAt: invitation.retainUntil,
});

/**
 * A decision line as an item, on its case's log (or its customer's, without a case).
 *
 * @example
 * ```ts
 * items.push({ Put: { TableName: tableName, Item: decisionItemOf(record) } });
 * ```
 */
export const decisionItemOf = (record: SurveyDecisionRecord) => clean({ ...decisionKey(record), ...record });

/**
 * A new invitation, put once (by its id), on the sparse due partition the dispatcher reads.
 *
 * @example
 * ```ts
 * await client.send(new TransactWriteItemsCommand({ TransactItems: [putDueInvitation(tableName, invitation), ...others] }));
 * ```
 */
export const putDueInvitation = (tableName: string, invitation: SurveyInvitation): TransactWriteItem => ({
  Put: {
    TableName: tableName,
    Item: clean({
      ...invitationKey(invitation.invitationId),
      ...invitationAttributes(invitation),
      gsi1pk: INVITATIONS_DUE,
      gsi1sk: `${invitation.scheduledFor}#${invitation.invitationId}`,
    }),
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

/**
 * Every item a Query finds, page after page (one request per 1 MB page), unmarshalled.
 *
 * @example
 * ```ts
 * const items = await queryAllItems(client, tableName, { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: clean({ ':pk': 'CASE#c-1' }) });
 * ```
 */
export const queryAllItems = async (
  client: DynamoDBClient,
  tableName: string,
  input: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName'>,
): Promise<Record<string, unknown>[]> => {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new QueryCommand({ ...input, TableName: tableName, ExclusiveStartKey }));
    items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
};

/**
 * One page of the invitations due by `now` on a due partition, oldest first: 1 Query.
 *
 * @example
 * ```ts
 * const { invitations, cursor } = await queryDueInvitations(client, tableName, INVITATIONS_DUE, new Date(), 25);
 * ```
 */
export const queryDueInvitations = async (
  client: DynamoDBClient,
  tableName: string,
  partition: typeof INVITATIONS_DUE | typeof REMINDERS_DUE,
  now: Date,
  limit: number,
  cursor?: string,
): Promise<DueInvitationsPage> => {
  const { Items, LastEvaluatedKey } = await client.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      // ISO instants of one length sort as text; '~' sorts after every invitation id.
      KeyConditionExpression: 'gsi1pk = :due AND gsi1sk <= :upTo',
      // Leased items stay on the index until sent; the filter spares the next run a failed lease
      // write on each (Limit counts before the filter, so a page may come back short).
      FilterExpression: 'attribute_not_exists(dispatchLeaseUntil) OR dispatchLeaseUntil < :now',
      ExpressionAttributeValues: clean({ ':due': partition, ':upTo': `${now.toISOString()}#~`, ':now': now.toISOString() }),
      Limit: limit,
      ExclusiveStartKey: cursor === undefined ? undefined : JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')),
    }),
  );
  return {
    invitations: (Items ?? []).map((item) => invitationOf(unmarshall(item))),
    cursor: LastEvaluatedKey ? Buffer.from(JSON.stringify(LastEvaluatedKey)).toString('base64url') : undefined,
  };
};

/**
 * One conditional UpdateItem: true when written, false when its condition refused it (another run
 * or delivery got there first); any other failure throws.
 *
 * @example
 * ```ts
 * const leased = await updateUnlessRefused(client, tableName, { Key, UpdateExpression, ConditionExpression, ExpressionAttributeValues });
 * ```
 */
export const updateUnlessRefused = async (
  client: DynamoDBClient,
  tableName: string,
  input: Omit<ConstructorParameters<typeof UpdateItemCommand>[0], 'TableName'>,
): Promise<boolean> => (await conditionalWrite(client.send(new UpdateItemCommand({ ...input, TableName: tableName })))) === 'written';
