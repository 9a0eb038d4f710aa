/*
 * The case routes' survey items (the table: survey-item-keys.ts). Access patterns:
 * - a customer's history: GetItem CUSTOMER#<id>/HISTORY + Query gsi1 gsi1pk=CUSTOMER#<id> (its case pointers);
 * - one invitation per case: the case pointer is put only if absent or cancelled, in the
 *   TransactWriteItems that puts the invitation on INVITATIONS_DUE;
 * - a reopen: GetItem of the case pointer, then one TransactWriteItems cancelling the invitation
 *   (REMOVEs it from the due index) and its pointer while both are still `scheduled`;
 * - a case's decision log: Query pk=CASE#<caseId>, sk begins_with DECISION#, ordered by decidedAt
 *   (a skipped resolution is keyed by its resolution, written once: attribute_not_exists);
 * - contact and case context, refreshed on every resolution unless a later one already did:
 *   PutItem conditional on the stored `lastSeenAt` / `resolvedAt` being no later (the contact on
 *   gsi1 SEEN#<yyyy-mm>, which campaigns read).
 */
import { GetItemCommand, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { cancelOnReopen } from '../core/cancel-on-reopen.ts';
import type { CaseContext, CustomerContact } from '../core/case-resolution-items.ts';
import type { CustomerSurveyHistory, SurveyInvitation } from '../core/customer-survey-history.ts';
import type { InvitationDecision } from '../core/decide-invitation.ts';
import type { SurveyDecisionRecord } from '../contracts/survey-decision-record.ts';
import type { CancelOutcome, ScheduleOutcome } from '../core/survey-invitation-store.ts';
import { storedCustomerHistorySchema } from '../contracts/stored-customer-history.ts';
import { storedDecisionSchema } from '../contracts/stored-decision.ts';
import { caseContextKey, casePointerKey, contactKey, decisionKey, historyKey, invitationKey } from '../contracts/survey-item-keys.ts';
import { clean } from '../../platform/single-table/clean-item.ts';
import { conditionalWrite } from '../../platform/single-table/conditional-write.ts';
import { writeLabelledTransaction, type LabelledItem } from '../../platform/single-table/labelled-transaction.ts';
import { invitationAttributes, invitationOf, MAX_TRANSACTION_ATTEMPTS, putDueInvitation, queryAllItems } from './survey-items.ts';
import type { CaseIntakeStore } from '../core/survey-invitation-store.ts';

/**
 * The DynamoDB single table behind {@link CaseIntakeStore}. DynamoDB requests per operation:
 * `loadCustomerHistory` 2 (GetItem + Query on gsi1, in parallel; one more Query page per 1 MB of
 * case pointers); `scheduleInvitation` 1 (TransactWriteItems of 4 items; a GetItem more only when
 * refused, and at most 3 attempts on TransactionConflict); `recordSkip` 1 PutItem;
 * `cancelForReopen` 2 (GetItem + TransactWriteItems of 3); `listDecisions` 1 Query per page;
 * `saveCaseResolution` 2 PutItems in parallel. Transactional writes cost twice a plain write (per
 * DynamoDB's capacity docs): 8 write units to schedule, for items under 1 KB, plus gsi1's own writes.
 *
 * @example
 * ```ts
 * const store = new DynamoDbCaseIntakeStore(new DynamoDBClient({}), config.TABLE_NAME);
 * const decision = decideInvitation(caseResolved, await store.loadCustomerHistory(customerId), settings, new Date());
 * if (decision.kind === 'scheduled') await store.scheduleInvitation(decision);
 * else await store.recordSkip(caseResolved.caseId, decision.record);
 * ```
 */
export class DynamoDbCaseIntakeStore implements CaseIntakeStore {
  constructor(
    protected readonly client: DynamoDBClient,
    protected readonly tableName: string,
  ) {}

  async loadCustomerHistory(customerId: string): Promise<CustomerSurveyHistory> {
    const [history, pointers] = await Promise.all([
      this.client.send(new GetItemCommand({ TableName: this.tableName, Key: clean(historyKey(customerId)), ConsistentRead: true })),
      queryAllItems(this.client, this.tableName, {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :customer',
        ExpressionAttributeValues: clean({ ':customer': `CUSTOMER#${customerId}` }),
      }),
    ]);
    const stored = storedCustomerHistorySchema.parse(history.Item ? unmarshall(history.Item) : {});
    // Object.fromEntries defines own keys: assigning under a case id "__proto__" would set the prototype instead.
    const invitationsByCaseId: Record<string, SurveyInvitation> = Object.fromEntries(
      pointers.map(invitationOf).flatMap((invitation) => (invitation.caseId === undefined ? [] : [[invitation.caseId, invitation]])),
    );
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
    const items: LabelledItem<'invitation' | 'case-pointer' | 'history' | 'decision'>[] = [
      { label: 'invitation', item: putDueInvitation(this.tableName, invitation) },
      {
        label: 'case-pointer',
        // One live invitation per case: the pointer is replaced only once its invitation was cancelled.
        item: {
          Put: {
            TableName: this.tableName,
            Item: clean({
              ...casePointerKey(caseId),
              ...invitationAttributes(invitation),
              gsi1pk: `CUSTOMER#${invitation.customerId}`,
              gsi1sk: `CASE#${caseId}`,
            }),
            ConditionExpression: 'attribute_not_exists(pk) OR #state = :cancelled',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: clean({ ':cancelled': 'cancelled' }),
          },
        },
      },
      {
        label: 'history',
        // An opt-out or suppression that landed after the history was read stops the schedule.
        item: {
          Update: {
            TableName: this.tableName,
            Key: clean(historyKey(invitation.customerId)),
            UpdateExpression: 'SET customerId = :customer, lastScheduledAt = :decidedAt',
            ConditionExpression: '(attribute_not_exists(optedOut) OR optedOut = :false) AND attribute_not_exists(suppression)',
            ExpressionAttributeValues: clean({ ':customer': invitation.customerId, ':decidedAt': record.decidedAt, ':false': false }),
          },
        },
      },
      { label: 'decision', item: { Put: { TableName: this.tableName, Item: clean({ ...decisionKey(record, caseId), ...record }) } } },
    ];
    for (let attempt = 1; ; attempt++) {
      const outcome = await writeLabelledTransaction(this.client, items);
      if (outcome.committed) return { kind: 'scheduled', invitation };
      // A retry of the same decision finds its own invitation on the case pointer: answer as the first did.
      const current = await this.casePointer(caseId);
      if (current && current.state !== 'cancelled') {
        return current.invitationId === invitation.invitationId
          ? { kind: 'scheduled', invitation: current }
          : { kind: 'refused', reason: 'case_already_invited', existingInvitationId: current.invitationId };
      }
      if (outcome.failedConditions.includes('history')) return { kind: 'refused', reason: 'opted_out' };
      if (outcome.conflicts.length === 0 || attempt >= MAX_TRANSACTION_ATTEMPTS) throw outcome.error;
    }
  }

  /** Once per resolution and reason: a retry of the same resolution finds its line (keyed by the resolution) and keeps it. */
  async recordSkip(caseId: string, record: SurveyDecisionRecord): Promise<void> {
    await conditionalWrite(
      this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: clean({ ...decisionKey(record, caseId), ...record }),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }

  async cancelForReopen(caseId: string, now: Date): Promise<CancelOutcome> {
    const current = await this.casePointer(caseId);
    if (!current) return { kind: 'none' };
    const decision = cancelOnReopen(current, now);
    if (decision.kind === 'kept') return { kind: 'kept', invitation: current };
    const cancelled = { ':cancelled': 'cancelled', ':scheduled': 'scheduled', ':at': decision.invitation.cancelledAt, ':id': current.invitationId };
    const outcome = await writeLabelledTransaction(this.client, [
      {
        label: 'invitation',
        // REMOVE takes the invitation out of the sparse due index.
        item: {
          Update: {
            TableName: this.tableName,
            Key: clean(invitationKey(current.invitationId)),
            UpdateExpression: 'SET #state = :cancelled, cancelledAt = :at REMOVE gsi1pk, gsi1sk',
            ConditionExpression: '#state = :scheduled',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: clean({ ...cancelled, ':id': undefined }),
          },
        },
      },
      {
        label: 'case-pointer',
        item: {
          Update: {
            TableName: this.tableName,
            Key: clean(casePointerKey(caseId)),
            UpdateExpression: 'SET #state = :cancelled, cancelledAt = :at',
            ConditionExpression: '#state = :scheduled AND invitationId = :id',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: clean(cancelled),
          },
        },
      },
      { label: 'decision', item: { Put: { TableName: this.tableName, Item: clean({ ...decisionKey(decision.record, caseId), ...decision.record }) } } },
    ]);
    if (outcome.committed) return { kind: 'cancelled', invitation: decision.invitation };
    // Sent (or cancelled) between the read and the write: report it as it now stands.
    return { kind: 'kept', invitation: await this.casePointer(caseId) };
  }

  async listDecisions(caseId: string): Promise<SurveyDecisionRecord[]> {
    const items = await queryAllItems(this.client, this.tableName, {
      KeyConditionExpression: 'pk = :case AND begins_with(sk, :decision)',
      ExpressionAttributeValues: clean({ ':case': `CASE#${caseId}`, ':decision': 'DECISION#' }),
      ConsistentRead: true,
    });
    // Oldest first by when each was decided: a skipped resolution's key is its resolution's time.
    return items
      .map((item) => storedDecisionSchema.parse(item))
      .sort((a, b) => a.decidedAt.localeCompare(b.decidedAt) || String(a['sk']).localeCompare(String(b['sk'])))
      .map(({ pk: _pk, sk: _sk, ...record }) => record as SurveyDecisionRecord);
  }

  /**
   * Two conditional PutItems, in parallel: an older resolution delivered late never overwrites a
   * newer contact or context (ISO instants in UTC compare as text). Separate from the schedule
   * transaction because a skipped case needs them too, and a transaction would double their cost.
   */
  async saveCaseResolution(contact: CustomerContact, context: CaseContext): Promise<void> {
    const refresh = async (key: { pk: string; sk: string }, item: object, timeField: string, time: string) => {
      await conditionalWrite(
        this.client.send(
          new PutItemCommand({
            TableName: this.tableName,
            Item: clean({ ...key, ...item }),
            ConditionExpression: 'attribute_not_exists(#time) OR #time <= :time',
            ExpressionAttributeNames: { '#time': timeField },
            ExpressionAttributeValues: clean({ ':time': time }),
          }),
        ),
      );
    };
    await Promise.all([
      refresh(
        contactKey(contact.customerId),
        { ...contact, gsi1pk: `SEEN#${contact.lastSeenAt.slice(0, 7)}`, gsi1sk: contact.customerId },
        'lastSeenAt',
        contact.lastSeenAt,
      ),
      refresh(caseContextKey(context.caseId), context, 'resolvedAt', context.resolvedAt),
    ]);
  }

  private async casePointer(caseId: string): Promise<SurveyInvitation | undefined> {
    const { Item } = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: clean(casePointerKey(caseId)), ConsistentRead: true }));
    return Item ? invitationOf(unmarshall(Item)) : undefined;
  }
}
