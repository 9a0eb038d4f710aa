/*
 * Survey items in the single table (every key a string):
 *
 * | item               | pk                  | sk                                           | gsi1pk                        | gsi1sk                     |
 * |--------------------|---------------------|----------------------------------------------|-------------------------------|----------------------------|
 * | customer history   | CUSTOMER#<id>       | HISTORY                                      |                               |                            |
 * | customer contact   | CUSTOMER#<id>       | CONTACT                                      | SEEN#<yyyy-mm of lastSeenAt>  | <customerId>               |
 * | invitation         | INVITATION#<id>     | INVITATION                                   | INVITATIONS_DUE (scheduled) or REMINDERS_DUE (sent, reminder pending) | <scheduledFor or remindAt>#<id> |
 * | case pointer       | CASE#<caseId>       | INVITATION                                   | CUSTOMER#<customerId>         | CASE#<caseId>              |
 * | case context       | CASE#<caseId>       | CONTEXT                                      |                               |                            |
 * | decision           | CASE#<caseId> (relationship: CUSTOMER#<customerId>) | DECISION#<decidedAt>#<event>#<invitationId or reason> |  |                |
 * | address suppression| ADDRESS#<sha256 of the lower-cased address> | SUPPRESSION                          |                               |                            |
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
 * - due reminders: Query gsi1 gsi1pk=REMINDERS_DUE, gsi1sk <= <now>#~. Sending an invitation puts
 *   it there at sentAt + reminderAfterDays; reminding, closing, or the dispatcher finding it answered
 *   or expired REMOVEs it again (an answer need not: the dispatcher drops answered ones lazily);
 * - dispatch and sending leases live on the invitation item (`dispatchLeaseUntil`, `sendingUntil`
 *   + `sendingClaim`), taken by conditional UpdateItem and removed when the email is recorded;
 * - the mailer's read: BatchGetItem of invitation, CUSTOMER#<id>/CONTACT and HISTORY, then GetItem
 *   of the address suppression (keyed by a hash: no plain address in any key, index or log);
 * - a case's decision log in order: Query pk=CASE#<caseId>, sk begins_with DECISION#;
 * - contact and case context, refreshed on every resolution unless a later one already did:
 *   PutItem conditional on the stored `lastSeenAt` / `resolvedAt` being no later;
 * - customers seen in a month (campaigns): Query gsi1 gsi1pk=SEEN#<yyyy-mm>, only the keys projected;
 * - one relationship invitation per customer per campaign: its id is derived from both, put only if absent;
 * - a customer's campaign decisions in order: Query pk=CUSTOMER#<id>, sk begins_with DECISION#.
 *
 * Responses (INVITATION#<id>/RESPONSE), escalation requests (ESCALATION_REQUEST#<responseId>, sparse
 * gsi1 ESCALATION_REQUESTS) and unsubscribes are written by dynamodb-survey-answer-store.ts, whose
 * header has their keys; a confirmed answer sets the invitation `answered` (its case pointer stays `sent`).
 */
import {
  BatchGetItemCommand,
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { addressKey } from '../core/surveys/address-key.ts';
import { cancelOnReopen } from '../core/surveys/cancel-on-reopen.ts';
import type { CampaignStore, RelationshipInvitation, RelationshipScheduleOutcome } from '../core/surveys/campaign-store.ts';
import type { CaseIntakeStore } from '../core/surveys/case-intake-store.ts';
import type { CaseContext, CustomerContact } from '../core/surveys/case-resolution-items.ts';
import type { CustomerSurveyHistory, SurveyInvitation } from '../core/surveys/customer-survey-history.ts';
import type { InvitationDecision } from '../core/surveys/decide-invitation.ts';
import type { MailPurpose } from '../core/surveys/decide-mailing.ts';
import { type AddressSuppression, type StoredMailingContext, type SurveyMailStore, storedCustomerContactSchema } from '../core/surveys/survey-mail-store.ts';
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
import { casePointerKey, customerDecisionKey, decisionKey, historyKey, invitationKey } from './survey-item-keys.ts';

const DUE = 'INVITATIONS_DUE';
const REMINDERS_DUE = 'REMINDERS_DUE';
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
 * The mail path ({@link SurveyMailStore}): the dispatcher spends its share of a due-index page and
 * one conditional UpdateItem (the lease) per email; the mailer a BatchGetItem and a GetItem (its
 * read), an UpdateItem (the sending claim) and one TransactWriteItems (sent or reminded, history,
 * case pointer and decision). So an invitation costs 5 requests to mail, and its reminder 5 more.
 *
 * @example
 * ```ts
 * const store = new DynamoDbSurveyStore(new DynamoDBClient({}), config.TABLE_NAME);
 * const decision = decideInvitation(caseResolved, await store.loadCustomerHistory(customerId), settings, new Date());
 * if (decision.kind === 'scheduled') await store.scheduleInvitation(decision);
 * else await store.recordSkip(caseResolved.caseId, decision.record);
 * ```
 */
export class DynamoDbSurveyStore implements SurveyStore, CaseIntakeStore, CampaignStore, SurveyMailStore {
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
      { Put: { TableName: this.tableName, Item: clean({ ...decisionKey(record, caseId), ...record }) } },
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
    await this.client.send(new PutItemCommand({ TableName: this.tableName, Item: clean({ ...decisionKey(record, caseId), ...record }) }));
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
            { Put: { TableName: this.tableName, Item: clean({ ...decisionKey(decision.record, caseId), ...decision.record }) } },
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
    return this.queryDue(DUE, now, limit, cursor);
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

  // The mailer's, dispatcher's and delivery-events consumer's operations (SurveyMailStore). An
  // invitation is on one due index at a time: INVITATIONS_DUE until sent, REMINDERS_DUE from its
  // send until reminded, answered, expired or closed. `dispatchLeaseUntil` (dispatcher) and
  // `sendingUntil` + `sendingClaim` (mailer) keep two runs or two deliveries from sending twice.

  async findDueReminders(now: Date, limit: number, cursor?: string): Promise<DueInvitationsPage> {
    return this.queryDue(REMINDERS_DUE, now, limit, cursor);
  }

  async leaseForDispatch(invitationId: string, purpose: MailPurpose, now: Date, until: string): Promise<boolean> {
    return this.updateIf({
      Key: clean(invitationKey(invitationId)),
      UpdateExpression: 'SET dispatchLeaseUntil = :until',
      // Still on the index it was found on (not sent or closed since), and no live lease of another run.
      ConditionExpression: 'gsi1pk = :partition AND (attribute_not_exists(dispatchLeaseUntil) OR dispatchLeaseUntil < :now)',
      ExpressionAttributeValues: clean({ ':until': until, ':partition': dueIndexOf(purpose), ':now': now.toISOString() }),
    });
  }

  async dropReminder(invitationId: string): Promise<void> {
    await this.updateIf({
      Key: clean(invitationKey(invitationId)),
      UpdateExpression: 'REMOVE gsi1pk, gsi1sk, dispatchLeaseUntil',
      ConditionExpression: 'gsi1pk = :reminders',
      ExpressionAttributeValues: clean({ ':reminders': REMINDERS_DUE }),
    });
  }

  async loadMailingContext(invitationId: string, customerId: string): Promise<StoredMailingContext> {
    const keys = [invitationKey(invitationId), { pk: `CUSTOMER#${customerId}`, sk: 'CONTACT' }, historyKey(customerId)];
    const items = await this.batchGet(keys);
    const found = (key: { pk: string; sk: string }) => items.find((item) => item.pk === key.pk && item.sk === key.sk);
    const invitationItem = found(keys[0]!);
    const invitation = invitationItem ? invitationOf(invitationItem) : undefined;
    if (invitation && invitation.customerId !== customerId) throw new TypeError('The queued message names another customer than its invitation');
    const contactItem = found(keys[1]!);
    const contact = contactItem ? storedCustomerContactSchema.parse(contactItem) : undefined;
    const history = storedCustomerHistorySchema.parse(found(keys[2]!) ?? {});
    const address = contact ? await this.addressSuppression(addressKey(contact.email)) : undefined;
    return {
      invitation,
      contact: contact && { email: contact.email, name: contact.name, locale: contact.locale },
      optedOut: history.optedOut ?? false,
      customerSuppression: history.suppression,
      addressSuppression: address,
    };
  }

  async claimForSending(invitation: SurveyInvitation, purpose: MailPurpose, claimId: string, now: Date, until: string): Promise<boolean> {
    const stillDue = purpose === 'invitation' ? '#state = :scheduled' : '#state = :sent AND attribute_not_exists(remindedAt)';
    return this.updateIf({
      Key: clean(invitationKey(invitation.invitationId)),
      UpdateExpression: 'SET sendingUntil = :until, sendingClaim = :claim',
      ConditionExpression: `${stillDue} AND (attribute_not_exists(sendingUntil) OR sendingUntil < :now)`,
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: clean({
        ':until': until,
        ':claim': claimId,
        ':now': now.toISOString(),
        ...(purpose === 'invitation' ? { ':scheduled': 'scheduled' } : { ':sent': 'sent' }),
      }),
    });
  }

  async releaseSendingClaim(invitationId: string, claimId: string): Promise<void> {
    await this.updateIf({
      Key: clean(invitationKey(invitationId)),
      UpdateExpression: 'REMOVE sendingUntil, sendingClaim',
      ConditionExpression: 'sendingClaim = :claim',
      ExpressionAttributeValues: clean({ ':claim': claimId }),
    });
  }

  async recordMailed(invitation: SurveyInvitation, purpose: MailPurpose, record: SurveyDecisionRecord, remindAt?: string): Promise<void> {
    const at = record.decidedAt;
    const names = { '#state': 'state' };
    const released = 'dispatchLeaseUntil, sendingUntil, sendingClaim';
    const items: TransactWriteItem[] = [];
    if (purpose === 'invitation') {
      items.push(
        {
          // The condition is what stops a second `sent`: the index and the leases only make it rare.
          Update: {
            TableName: this.tableName,
            Key: clean(invitationKey(invitation.invitationId)),
            UpdateExpression:
              remindAt === undefined
                ? `SET #state = :sent, sentAt = :at REMOVE gsi1pk, gsi1sk, ${released}`
                : `SET #state = :sent, sentAt = :at, gsi1pk = :reminders, gsi1sk = :remindKey REMOVE ${released}`,
            ConditionExpression: '#state = :scheduled',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: clean({
              ':sent': 'sent',
              ':at': at,
              ':scheduled': 'scheduled',
              ':reminders': remindAt === undefined ? undefined : REMINDERS_DUE,
              ':remindKey': remindAt === undefined ? undefined : `${remindAt}#${invitation.invitationId}`,
            }),
          },
        },
        {
          Update: {
            TableName: this.tableName,
            Key: clean(historyKey(invitation.customerId)),
            UpdateExpression: `SET ${invitation.kind === 'relationship' ? 'lastRelationshipSurveyAt' : 'lastPostResolutionSurveyAt'} = :at`,
            ExpressionAttributeValues: clean({ ':at': at }),
          },
        },
      );
      if (invitation.caseId !== undefined)
        items.push(this.casePointerUpdate(invitation, 'SET #state = :sent, sentAt = :at', { '#state': 'state' }, { ':sent': 'sent', ':at': at }));
    } else {
      items.push({
        Update: {
          TableName: this.tableName,
          Key: clean(invitationKey(invitation.invitationId)),
          UpdateExpression: `SET remindedAt = :at REMOVE gsi1pk, gsi1sk, ${released}`,
          ConditionExpression: 'attribute_not_exists(remindedAt)',
          ExpressionAttributeValues: clean({ ':at': at }),
        },
      });
      if (invitation.caseId !== undefined) items.push(this.casePointerUpdate(invitation, 'SET remindedAt = :at', undefined, { ':at': at }));
    }
    items.push({ Put: { TableName: this.tableName, Item: decisionItemOf(record) } });
    await this.transactUnlessFirstRefused(items);
  }

  async closeUnsent(invitation: SurveyInvitation, purpose: MailPurpose, record: SurveyDecisionRecord): Promise<void> {
    const released = 'gsi1pk, gsi1sk, dispatchLeaseUntil, sendingUntil, sendingClaim';
    const items: TransactWriteItem[] = [];
    if (purpose === 'invitation') {
      // Closed unsent reads as cancelled everywhere (the case may be surveyed on its next resolution,
      // when the policy looks again); `closedReason` says it was the mailer.
      const values = { ':cancelled': 'cancelled', ':at': record.decidedAt };
      items.push({
        Update: {
          TableName: this.tableName,
          Key: clean(invitationKey(invitation.invitationId)),
          UpdateExpression: `SET #state = :cancelled, cancelledAt = :at, closedReason = :reason REMOVE ${released}`,
          ConditionExpression: '#state = :scheduled',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: clean({ ...values, ':reason': record.reason, ':scheduled': 'scheduled' }),
        },
      });
      if (invitation.caseId !== undefined)
        items.push(this.casePointerUpdate(invitation, 'SET #state = :cancelled, cancelledAt = :at', { '#state': 'state' }, values));
    } else {
      items.push({
        Update: {
          TableName: this.tableName,
          Key: clean(invitationKey(invitation.invitationId)),
          UpdateExpression: `SET reminderClosedReason = :reason REMOVE ${released}`,
          ConditionExpression: 'gsi1pk = :reminders',
          ExpressionAttributeValues: clean({ ':reason': record.reason, ':reminders': REMINDERS_DUE }),
        },
      });
    }
    items.push({ Put: { TableName: this.tableName, Item: decisionItemOf(record) } });
    await this.transactUnlessFirstRefused(items);
  }

  async getInvitation(invitationId: string): Promise<SurveyInvitation | undefined> {
    const { Item } = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: clean(invitationKey(invitationId)), ConsistentRead: true }));
    return Item ? invitationOf(unmarshall(Item)) : undefined;
  }

  async recordSuppression(suppression: AddressSuppression, invitation?: SurveyInvitation, record?: SurveyDecisionRecord): Promise<void> {
    const items: TransactWriteItem[] = [
      {
        // Plain puts and SETs of values taken from the event: a redelivered event writes the same items.
        Put: {
          TableName: this.tableName,
          Item: clean({
            pk: `ADDRESS#${suppression.addressKey}`,
            sk: 'SUPPRESSION',
            reason: suppression.reason,
            suppressedAt: suppression.at,
            detail: suppression.detail,
          }),
        },
      },
    ];
    if (invitation !== undefined) {
      items.push({
        Update: {
          TableName: this.tableName,
          Key: clean(historyKey(invitation.customerId)),
          UpdateExpression: 'SET customerId = :customer, suppression = :reason',
          ExpressionAttributeValues: clean({ ':customer': invitation.customerId, ':reason': suppression.reason }),
        },
      });
    }
    if (record !== undefined) items.push({ Put: { TableName: this.tableName, Item: decisionItemOf(record) } });
    await this.client.send(new TransactWriteItemsCommand({ TransactItems: items }));
  }

  private async queryDue(partition: string, now: Date, limit: number, cursor?: string): Promise<DueInvitationsPage> {
    const { Items, LastEvaluatedKey } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
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
  }

  private async addressSuppression(key: string): Promise<'bounced' | 'complained' | undefined> {
    const { Item } = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: clean({ pk: `ADDRESS#${key}`, sk: 'SUPPRESSION' }), ConsistentRead: true }),
    );
    const reason = Item ? unmarshall(Item).reason : undefined;
    return reason === 'bounced' || reason === 'complained' ? reason : undefined;
  }

  private async batchGet(keys: readonly { pk: string; sk: string }[]): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let pending: Record<string, AttributeValue>[] = keys.map((key) => clean(key));
    // BatchGetItem may leave keys unprocessed under load; the SDK does not retry those itself.
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 25));
      const { Responses, UnprocessedKeys } = await this.client.send(
        new BatchGetItemCommand({ RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } } }),
      );
      items.push(...(Responses?.[this.tableName] ?? []).map((item) => unmarshall(item)));
      pending = UnprocessedKeys?.[this.tableName]?.Keys ?? [];
      if (attempt >= 5 && pending.length > 0) throw new Error('BatchGetItem left keys unprocessed after 6 attempts');
    }
    return items;
  }

  private casePointerUpdate(
    invitation: SurveyInvitation,
    expression: string,
    names: Record<string, string> | undefined,
    values: Record<string, unknown>,
  ): TransactWriteItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: clean(casePointerKey(invitation.caseId!)),
        UpdateExpression: expression,
        // The pointer may have moved to a newer invitation of the case: then it is not this one's to change.
        ConditionExpression: 'invitationId = :id',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: clean({ ...values, ':id': invitation.invitationId }),
      },
    };
  }

  // A refused first item means another delivery got there first: nothing left to do. A refused
  // case pointer (a newer invitation of the case) also cancels the transaction: that one is rare
  // and recorded by the caller's retry through the first item's answer.
  private async transactUnlessFirstRefused(items: TransactWriteItem[]): Promise<void> {
    try {
      await this.client.send(new TransactWriteItemsCommand({ TransactItems: items }));
    } catch (error) {
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return;
      throw error;
    }
  }

  private async updateIf(input: Omit<ConstructorParameters<typeof UpdateItemCommand>[0], 'TableName'>): Promise<boolean> {
    try {
      await this.client.send(new UpdateItemCommand({ ...input, TableName: this.tableName }));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}

const dueIndexOf = (purpose: MailPurpose) => (purpose === 'invitation' ? DUE : REMINDERS_DUE);

const decisionItemOf = (record: SurveyDecisionRecord) => clean({ ...decisionKey(record), ...record });
