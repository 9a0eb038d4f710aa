/*
 * Relationship campaigns' survey items (the table: survey-item-keys.ts). Access patterns:
 * - customers seen in a month: Query gsi1 gsi1pk=SEEN#<yyyy-mm> (the contacts the case intake
 *   refreshes), only the keys projected;
 * - one relationship invitation per customer per campaign: its id is derived from both, put only
 *   if absent, on INVITATIONS_DUE, in one TransactWriteItems with the 90-day throttle on the
 *   customer's history (`lastRelationshipScheduledFor`, `lastRelationshipSurveyAt`);
 * - a customer's campaign decisions in order: PutItem on pk=CUSTOMER#<id>, sk DECISION#….
 */
import { GetItemCommand, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { CampaignStore, RelationshipInvitation, RelationshipScheduleOutcome } from '../core/campaign-store.ts';
import type { SurveyDecisionRecord } from '../contracts/survey-decision-record.ts';
import { storedCustomerHistorySchema } from '../contracts/stored-customer-history.ts';
import { customerDecisionKey, historyKey, invitationKey } from '../contracts/survey-item-keys.ts';
import { clean } from '../../platform/single-table/clean-item.ts';
import { writeLabelledTransaction, type LabelledItem } from '../../platform/single-table/labelled-transaction.ts';
import { invitationOf, MAX_TRANSACTION_ATTEMPTS, putDueInvitation, queryAllItems } from './survey-items.ts';

/**
 * The DynamoDB single table behind {@link CampaignStore}. DynamoDB requests per operation:
 * `listCustomersSeen` 1 Query per 1 MB page of keys; `scheduleRelationshipInvitation` 1
 * (TransactWriteItems of 3; a GetItem more only when refused, and at most 3 attempts on
 * TransactionConflict); `recordCustomerDecision` 1 PutItem.
 *
 * @example
 * ```ts
 * const store = new DynamoDbCampaignStore(new DynamoDBClient({}), config.TABLE_NAME);
 * const customerIds = await store.listCustomersSeen('2026-11');
 * ```
 */
export class DynamoDbCampaignStore implements CampaignStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async listCustomersSeen(month: string): Promise<string[]> {
    const items = await queryAllItems(this.client, this.tableName, {
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
    const items: LabelledItem<'invitation' | 'history' | 'decision'>[] = [
      { label: 'invitation', item: putDueInvitation(this.tableName, invitation) },
      {
        label: 'history',
        item: {
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
      },
      { label: 'decision', item: { Put: { TableName: this.tableName, Item: clean({ ...customerDecisionKey(record), ...record }) } } },
    ];
    for (let attempt = 1; ; attempt++) {
      const outcome = await writeLabelledTransaction(this.client, items);
      if (outcome.committed) return { kind: 'scheduled', invitation };
      if (outcome.failedConditions.includes('invitation')) {
        // Redelivered chunk: this campaign's invitation for the customer is stored already.
        const { Item } = await this.client.send(
          new GetItemCommand({ TableName: this.tableName, Key: clean(invitationKey(invitation.invitationId)), ConsistentRead: true }),
        );
        if (Item) return { kind: 'scheduled', invitation: invitationOf(unmarshall(Item)) };
      }
      if (outcome.failedConditions.includes('history')) {
        const { Item } = await this.client.send(
          new GetItemCommand({ TableName: this.tableName, Key: clean(historyKey(invitation.customerId)), ConsistentRead: true }),
        );
        const history = storedCustomerHistorySchema.parse(Item ? unmarshall(Item) : {});
        return { kind: 'refused', reason: history.optedOut ? 'opted_out' : history.suppression ? 'address_suppressed' : 'recently_surveyed' };
      }
      if (outcome.conflicts.length === 0 || attempt >= MAX_TRANSACTION_ATTEMPTS) throw outcome.error;
    }
  }

  async recordCustomerDecision(record: SurveyDecisionRecord): Promise<void> {
    await this.client.send(new PutItemCommand({ TableName: this.tableName, Item: clean({ ...customerDecisionKey(record), ...record }) }));
  }
}
