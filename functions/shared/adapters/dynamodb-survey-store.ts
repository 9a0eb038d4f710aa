/*
 * Survey items in the single table (every key a string):
 *
 * | item             | pk                  | sk                                           | gsi1pk                        | gsi1sk                     |
 * |------------------|---------------------|----------------------------------------------|-------------------------------|----------------------------|
 * | customer history | CUSTOMER#<id>       | HISTORY                                      |                               |                            |
 * | invitation       | INVITATION#<id>     | INVITATION                                   | INVITATIONS_DUE (scheduled only) | <scheduledFor>#<id>     |
 * | case pointer     | CASE#<caseId>       | INVITATION                                   | CUSTOMER#<customerId>         | CASE#<caseId>              |
 * | decision         | CASE#<caseId>       | DECISION#<decidedAt>#<event>#<invitationId or reason> |                      |                            |
 * | customer contact | CUSTOMER#<id>       | CONTACT                                      | SEEN#<yyyy-mm of lastSeenAt>  | <customerId>               |
 * | case context     | CASE#<caseId>       | CONTEXT                                      |                               |                            |
 * | customer decision| CUSTOMER#<id>       | DECISION#<decidedAt>#<event>#<invitationId or reason> |                      |                            |
 *
 * Relationship (campaign) invitations are invitation items with `campaignId` and no case pointer;
 * the customer history item carries `lastRelationshipScheduledFor`, so the 90-day throttle holds
 * for invitations scheduled but not yet sent, checked in the same transaction that stores one.
 *
 * Access patterns:
 * - a customer's history: GetItem CUSTOMER#<id>/HISTORY + Query gsi1 gsi1pk=CUSTOMER#<id> (its case pointers);
 * - one invitation per case: the case pointer is put only if absent or cancelled (TransactWriteItems);
 * - invitation by id (dispatcher, answer consumer): GetItem INVITATION#<id>/INVITATION;
 * - due invitations: Query gsi1 gsi1pk=INVITATIONS_DUE, gsi1sk <= <now>#~, oldest first, paginated.
 *   The index is sparse: sending or cancelling REMOVEs gsi1pk/gsi1sk, so it never holds history;
 * - a case's decision log in order: Query pk=CASE#<caseId>, sk begins_with DECISION#;
 * - contact and case context, refreshed on every resolution unless a later one already did:
 *   PutItem conditional on the stored `lastSeenAt` / `resolvedAt` being no later;
 * - customers seen in a month (campaigns): Query gsi1 gsi1pk=SEEN#<yyyy-mm>, only the keys projected;
 * - one relationship invitation per customer per campaign: its id is derived from both, put only if absent;
 * - a customer's campaign decisions in order: Query pk=CUSTOMER#<id>, sk begins_with DECISION#.
 *
 * Responses (INVITATION#<id>/RESPONSE), escalation requests (ESCALATION_REQUEST#<responseId>, sparse
 * gsi1 ESCALATION_REQUESTS) and unsubscribes are written by dynamodb-survey-answer-store.ts, whose
 * header has their keys; a confirmed answer sets the invitation and its case pointer `answered`.
 */
import {
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  type AttributeValue,
  type DynamoDBClient,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { cancelOnReopen } from '../core/surveys/cancel-on-reopen.ts';
import type { CampaignStore, RelationshipInvitation, RelationshipScheduleOutcome } from '../core/surveys/campaign-store.ts';
import type { CaseIntakeStore } from '../core/surveys/case-intake-store.ts';
import type { CaseContext, CustomerContact } from '../core/surveys/case-resolution-items.ts';
import type { CustomerSurveyHistory, SurveyInvitation } from '../core/surveys/customer-survey-history.ts';
import type { InvitationDecision } from '../core/surveys/decide-invitation.ts';
import type { SurveyDecisionRecord } from '../core/surveys/survey-decision-record.ts';
import {
  type CancelOutcome,
  type DueInvitationsPage,
  type ScheduleOutcome,
  type SurveyStore,
  storedCustomerHistorySchema,
  storedDecisionSchema,
  storedInvitationSchema,
} from '../core/surveys/survey-store.ts';

const DUE = 'INVITATIONS_DUE';
const invitationKey = (invitationId: string) => ({ pk: `INVITATION#${invitationId}`, sk: 'INVITATION' });
const casePointerKey = (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'INVITATION' });
const historyKey = (customerId: string) => ({ pk: `CUSTOMER#${customerId}`, sk: 'HISTORY' });
const decisionKey = (caseId: string, record: SurveyDecisionRecord) => ({
  pk: `CASE#${caseId}`,
  sk: `DECISION#${record.decidedAt}#${record.event}#${record.invitationId ?? record.reason ?? ''}`,
});
const customerDecisionKey = (record: SurveyDecisionRecord) => ({
  pk: `CUSTOMER#${record.customerId}`,
  sk: `DECISION#${record.decidedAt}#${record.event}#${record.invitationId ?? record.reason ?? ''}`,
});
const clean = (item: object) => marshall(item, { removeUndefinedValues: true });
// A new invitation, once (by its id), in the sparse due index the dispatcher reads.
const putDueInvitation = (tableName: string, invitation: SurveyInvitation): TransactWriteItem => ({
  Put: {
    TableName: tableName,
    Item: clean({ ...invitationKey(invitation.invitationId), ...invitation, gsi1pk: DUE, gsi1sk: `${invitation.scheduledFor}#${invitation.invitationId}` }),
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});
const invitationOf = (item: Record<string, unknown>): SurveyInvitation => {
  const { pk: _pk, sk: _sk, gsi1pk: _gsi1pk, gsi1sk: _gsi1sk, ...invitation } = storedInvitationSchema.parse(item);
  return invitation as SurveyInvitation;
};
// A lost race between two transactions on one item (TransactionConflict) is worth another try.
const MAX_ATTEMPTS = 3;

/**
 * The DynamoDB single table behind {@link SurveyStore}. DynamoDB requests per operation:
 * `loadCustomerHistory` 2 (GetItem + Query on gsi1, in parallel; one more Query page per 1 MB of
 * case pointers); `scheduleInvitation` 1 (TransactWriteItems of 4 items; a GetItem more only when
 * refused, and at most 3 attempts on TransactionConflict); `recordSkip` 1 PutItem;
 * `cancelForReopen` 2 (GetItem + TransactWriteItems of 3); `findDueInvitations` 1 Query per page;
 * `markSent` 2 (GetItem + TransactWriteItems of 3); `listDecisions` 1 Query per page.
 * So one post-resolution invitation, scheduled and sent, costs 5 requests plus its share of a
 * due-index page. Transactional writes cost twice a plain write (per DynamoDB's capacity docs):
 * 8 write units to schedule and 6 to send, for items under 1 KB, plus gsi1's own writes.
 *
 * @example
 * ```ts
 * const store = new DynamoDbSurveyStore(new DynamoDBClient({}), config.TABLE_NAME);
 * const decision = decideInvitation(caseResolved, await store.loadCustomerHistory(customerId), settings, new Date());
 * if (decision.kind === 'scheduled') await store.scheduleInvitation(decision);
 * else await store.recordSkip(caseResolved.caseId, decision.record);
 * ```
 */
export class DynamoDbSurveyStore implements SurveyStore, CaseIntakeStore, CampaignStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async loadCustomerHistory(customerId: string): Promise<CustomerSurveyHistory> {
    const [history, pointers] = await Promise.all([
      this.client.send(new GetItemCommand({ TableName: this.tableName, Key: clean(historyKey(customerId)), ConsistentRead: true })),
      this.queryAll({
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :customer',
        ExpressionAttributeValues: clean({ ':customer': `CUSTOMER#${customerId}` }),
      }),
    ]);
    const stored = storedCustomerHistorySchema.parse(history.Item ? unmarshall(history.Item) : {});
    const invitationsByCaseId: Record<string, SurveyInvitation> = {};
    for (const item of pointers) {
      const invitation = invitationOf(item);
      if (invitation.caseId !== undefined) invitationsByCaseId[invitation.caseId] = invitation;
    }
    return {
      optedOut: stored.optedOut ?? false,
      suppression: stored.suppression,
      lastPostResolutionSurveyAt: stored.lastPostResolutionSurveyAt,
      lastRelationshipSurveyAt: stored.lastRelationshipSurveyAt,
      invitationsByCaseId,
    };
  }

  async scheduleInvitation(decision: Extract<InvitationDecision, { kind: 'scheduled' }>): Promise<ScheduleOutcome> {
    const { invitation, record } = decision;
    const caseId = invitation.caseId;
    if (caseId === undefined) throw new TypeError('scheduleInvitation takes post-resolution invitations, which name their case');
    const items: TransactWriteItem[] = [
      putDueInvitation(this.tableName, invitation),
      {
        // One live invitation per case: the pointer is replaced only once its invitation was cancelled.
        Put: {
          TableName: this.tableName,
          Item: clean({ ...casePointerKey(caseId), ...invitation, gsi1pk: `CUSTOMER#${invitation.customerId}`, gsi1sk: `CASE#${caseId}` }),
          ConditionExpression: 'attribute_not_exists(pk) OR #state = :cancelled',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: clean({ ':cancelled': 'cancelled' }),
        },
      },
      {
        // An opt-out or suppression that landed after the history was read stops the schedule.
        Update: {
          TableName: this.tableName,
          Key: clean(historyKey(invitation.customerId)),
          UpdateExpression: 'SET customerId = :customer, lastScheduledAt = :decidedAt',
          ConditionExpression: '(attribute_not_exists(optedOut) OR optedOut = :false) AND attribute_not_exists(suppression)',
          ExpressionAttributeValues: clean({ ':customer': invitation.customerId, ':decidedAt': record.decidedAt, ':false': false }),
        },
      },
      { Put: { TableName: this.tableName, Item: clean({ ...decisionKey(caseId, record), ...record }) } },
    ];
    for (let attempt = 1; ; attempt++) {
      try {
        await this.client.send(new TransactWriteItemsCommand({ TransactItems: items }));
        return { kind: 'scheduled', invitation };
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const codes = (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
        // A retry of the same decision finds its own invitation on the case pointer: answer as the first did.
        const current = await this.casePointer(caseId);
        if (current && current.state !== 'cancelled') {
          return current.invitationId === invitation.invitationId
            ? { kind: 'scheduled', invitation: current }
            : { kind: 'refused', reason: 'case_already_invited', existingInvitationId: current.invitationId };
        }
        if (codes[2] === 'ConditionalCheckFailed') return { kind: 'refused', reason: 'opted_out' };
        if (!codes.includes('TransactionConflict') || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  async recordSkip(caseId: string, record: SurveyDecisionRecord): Promise<void> {
    await this.client.send(new PutItemCommand({ TableName: this.tableName, Item: clean({ ...decisionKey(caseId, record), ...record }) }));
  }

  async cancelForReopen(caseId: string, now: Date): Promise<CancelOutcome> {
    const current = await this.casePointer(caseId);
    if (!current) return { kind: 'none' };
    const decision = cancelOnReopen(current, now);
    if (decision.kind === 'kept') return { kind: 'kept', invitation: current };
    const cancelled = { ':cancelled': 'cancelled', ':scheduled': 'scheduled', ':at': decision.invitation.cancelledAt, ':id': current.invitationId };
    try {
      await this.client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              // REMOVE takes the invitation out of the sparse due index.
              Update: {
                TableName: this.tableName,
                Key: clean(invitationKey(current.invitationId)),
                UpdateExpression: 'SET #state = :cancelled, cancelledAt = :at REMOVE gsi1pk, gsi1sk',
                ConditionExpression: '#state = :scheduled',
                ExpressionAttributeNames: { '#state': 'state' },
                ExpressionAttributeValues: clean({ ...cancelled, ':id': undefined }),
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: clean(casePointerKey(caseId)),
                UpdateExpression: 'SET #state = :cancelled, cancelledAt = :at',
                ConditionExpression: '#state = :scheduled AND invitationId = :id',
                ExpressionAttributeNames: { '#state': 'state' },
                ExpressionAttributeValues: clean(cancelled),
              },
            },
            { Put: { TableName: this.tableName, Item: clean({ ...decisionKey(caseId, decision.record), ...decision.record }) } },
          ],
        }),
      );
      return { kind: 'cancelled', invitation: decision.invitation };
    } catch (error) {
      // Sent (or cancelled) between the read and the write: report it as it now stands.
      if (error instanceof TransactionCanceledException) return { kind: 'kept', invitation: await this.casePointer(caseId) };
      throw error;
    }
  }

  async findDueInvitations(now: Date, limit: number, cursor?: string): Promise<DueInvitationsPage> {
    const { Items, LastEvaluatedKey } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        // ISO instants of one length sort as text; '~' sorts after every invitation id.
        KeyConditionExpression: 'gsi1pk = :due AND gsi1sk <= :upTo',
        ExpressionAttributeValues: clean({ ':due': DUE, ':upTo': `${now.toISOString()}#~` }),
        Limit: limit,
        ExclusiveStartKey: cursor === undefined ? undefined : JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')),
      }),
    );
    return {
      invitations: (Items ?? []).map((item) => invitationOf(unmarshall(item))),
      cursor: LastEvaluatedKey ? Buffer.from(JSON.stringify(LastEvaluatedKey)).toString('base64url') : undefined,
    };
  }

  async markSent(invitationId: string, at: Date): Promise<'sent' | 'not_scheduled'> {
    const { Item } = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: clean(invitationKey(invitationId)), ConsistentRead: true }));
    if (!Item) return 'not_scheduled';
    const invitation = invitationOf(unmarshall(Item));
    const sentAt = at.toISOString();
    const sent = { ':sent': 'sent', ':at': sentAt };
    const names = { '#state': 'state' };
    const items: TransactWriteItem[] = [
      {
        // The due index is eventually consistent: this condition is what stops a second send.
        Update: {
          TableName: this.tableName,
          Key: clean(invitationKey(invitationId)),
          UpdateExpression: 'SET #state = :sent, sentAt = :at REMOVE gsi1pk, gsi1sk',
          ConditionExpression: '#state = :scheduled',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: clean({ ...sent, ':scheduled': 'scheduled' }),
        },
      },
      {
        Update: {
          TableName: this.tableName,
          Key: clean(historyKey(invitation.customerId)),
          UpdateExpression: `SET ${invitation.kind === 'relationship' ? 'lastRelationshipSurveyAt' : 'lastPostResolutionSurveyAt'} = :at`,
          ExpressionAttributeValues: clean({ ':at': sentAt }),
        },
      },
    ];
    if (invitation.caseId !== undefined) {
      items.push({
        Update: {
          TableName: this.tableName,
          Key: clean(casePointerKey(invitation.caseId)),
          UpdateExpression: 'SET #state = :sent, sentAt = :at',
          ConditionExpression: 'invitationId = :id',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: clean({ ...sent, ':id': invitationId }),
        },
      });
    }
    try {
      await this.client.send(new TransactWriteItemsCommand({ TransactItems: items }));
      return 'sent';
    } catch (error) {
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return 'not_scheduled';
      throw error;
    }
  }

  async listDecisions(caseId: string): Promise<SurveyDecisionRecord[]> {
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :case AND begins_with(sk, :decision)',
      ExpressionAttributeValues: clean({ ':case': `CASE#${caseId}`, ':decision': 'DECISION#' }),
      ConsistentRead: true,
    });
    return items.map((item) => {
      const { pk: _pk, sk: _sk, ...record } = storedDecisionSchema.parse(item);
      return record as SurveyDecisionRecord;
    });
  }

  private async casePointer(caseId: string): Promise<SurveyInvitation | undefined> {
    const { Item } = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: clean(casePointerKey(caseId)), ConsistentRead: true }));
    return Item ? invitationOf(unmarshall(Item)) : undefined;
  }

  private async queryAll(input: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName'>): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let ExclusiveStartKey: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.client.send(new QueryCommand({ ...input, TableName: this.tableName, ExclusiveStartKey }));
      items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items;
  }

  /**
   * Two conditional PutItems, in parallel: an older resolution delivered late never overwrites a
   * newer contact or context (ISO instants in UTC compare as text). Separate from the schedule
   * transaction because a skipped case needs them too, and a transaction would double their cost.
   */
  async saveCaseResolution(contact: CustomerContact, context: CaseContext): Promise<void> {
    const refresh = async (key: { pk: string; sk: string }, item: object, timeField: string, time: string) => {
      try {
        await this.client.send(
          new PutItemCommand({
            TableName: this.tableName,
            Item: clean({ ...key, ...item }),
            ConditionExpression: 'attribute_not_exists(#time) OR #time <= :time',
            ExpressionAttributeNames: { '#time': timeField },
            ExpressionAttributeValues: clean({ ':time': time }),
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    };
    await Promise.all([
      refresh(
        { pk: `CUSTOMER#${contact.customerId}`, sk: 'CONTACT' },
        { ...contact, gsi1pk: `SEEN#${contact.lastSeenAt.slice(0, 7)}`, gsi1sk: contact.customerId },
        'lastSeenAt',
        contact.lastSeenAt,
      ),
      refresh({ pk: `CASE#${context.caseId}`, sk: 'CONTEXT' }, context, 'resolvedAt', context.resolvedAt),
    ]);
  }

  async listCustomersSeen(month: string): Promise<string[]> {
    const items = await this.queryAll({
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :seen',
      ExpressionAttributeValues: clean({ ':seen': `SEEN#${month}` }),
      ProjectionExpression: 'gsi1sk',
    });
    return items.map((item) => String(item.gsi1sk));
  }

  /**
   * One TransactWriteItems of 3 (the invitation if absent, the history if the customer may be
   * asked, the decision line): 1 request per invitation. Refused, it reads what refused it.
   */
  async scheduleRelationshipInvitation(
    invitation: RelationshipInvitation,
    record: SurveyDecisionRecord,
    throttleFrom: string,
  ): Promise<RelationshipScheduleOutcome> {
    const items: TransactWriteItem[] = [
      putDueInvitation(this.tableName, invitation),
      {
        Update: {
          TableName: this.tableName,
          Key: clean(historyKey(invitation.customerId)),
          UpdateExpression: 'SET customerId = :customer, lastRelationshipScheduledFor = :for',
          ConditionExpression:
            '(attribute_not_exists(optedOut) OR optedOut = :false) AND attribute_not_exists(suppression)' +
            ' AND (attribute_not_exists(lastRelationshipSurveyAt) OR lastRelationshipSurveyAt < :from)' +
            ' AND (attribute_not_exists(lastRelationshipScheduledFor) OR lastRelationshipScheduledFor < :from)',
          ExpressionAttributeValues: clean({ ':customer': invitation.customerId, ':for': invitation.scheduledFor, ':false': false, ':from': throttleFrom }),
        },
      },
      { Put: { TableName: this.tableName, Item: clean({ ...customerDecisionKey(record), ...record }) } },
    ];
    for (let attempt = 1; ; attempt++) {
      try {
        await this.client.send(new TransactWriteItemsCommand({ TransactItems: items }));
        return { kind: 'scheduled', invitation };
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const codes = (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
        if (codes[0] === 'ConditionalCheckFailed') {
          // Redelivered chunk: this campaign's invitation for the customer is stored already.
          const { Item } = await this.client.send(
            new GetItemCommand({ TableName: this.tableName, Key: clean(invitationKey(invitation.invitationId)), ConsistentRead: true }),
          );
          if (Item) return { kind: 'scheduled', invitation: invitationOf(unmarshall(Item)) };
        }
        if (codes[1] === 'ConditionalCheckFailed') {
          const { Item } = await this.client.send(
            new GetItemCommand({ TableName: this.tableName, Key: clean(historyKey(invitation.customerId)), ConsistentRead: true }),
          );
          const history = storedCustomerHistorySchema.parse(Item ? unmarshall(Item) : {});
          return { kind: 'refused', reason: history.optedOut ? 'opted_out' : history.suppression ? 'address_suppressed' : 'recently_surveyed' };
        }
        if (!codes.includes('TransactionConflict') || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  async recordCustomerDecision(record: SurveyDecisionRecord): Promise<void> {
    await this.client.send(new PutItemCommand({ TableName: this.tableName, Item: clean({ ...customerDecisionKey(record), ...record }) }));
  }
}
