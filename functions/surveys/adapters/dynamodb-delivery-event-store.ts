/*
 * The delivery-events consumer's survey items (the table: survey-item-keys.ts). Access patterns:
 * - the event's invitation (its `invitationId` tag): GetItem INVITATION#<id>/INVITATION;
 * - a bounce or complaint: one TransactWriteItems of the address suppression
 *   (ADDRESS#<sha256 of the lower-cased address>/SUPPRESSION: no plain address in any key), the
 *   customer's history (`suppression`, which the policy and the mailer read), the decision line and,
 *   for a bounce, the invitation's `bouncedAt` (which the report counters count).
 */
import { GetItemCommand, TransactWriteItemsCommand, type DynamoDBClient, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { SurveyInvitation } from '../core/customer-survey-history.ts';
import type { SurveyDecisionRecord } from '../contracts/survey-decision-record.ts';
import { addressSuppressionKey, historyKey, invitationKey } from '../contracts/survey-item-keys.ts';
import { clean } from '../../platform/single-table/clean-item.ts';
import { decisionItemOf, invitationOf } from './survey-items.ts';
import type { AddressSuppression, DeliveryEventStore } from '../core/survey-invitation-store.ts';

/**
 * The DynamoDB single table behind {@link DeliveryEventStore}: a GetItem and a TransactWriteItems
 * (of up to 4 items) per event.
 *
 * @example
 * ```ts
 * const store = new DynamoDbDeliveryEventStore(new DynamoDBClient({}), config.TABLE_NAME);
 * await recordDeliveryEvent(event, store);
 * ```
 */
export class DynamoDbDeliveryEventStore implements DeliveryEventStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

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
            ...addressSuppressionKey(suppression.addressKey),
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
    if (invitation !== undefined && suppression.reason === 'bounced') {
      // Marked on the invitation too, so the report counters (which read the table's stream) count
      // the bounce against the invitation's sending period.
      items.push({
        Update: {
          TableName: this.tableName,
          Key: clean(invitationKey(invitation.invitationId)),
          UpdateExpression: 'SET bouncedAt = if_not_exists(bouncedAt, :at)',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: clean({ ':at': suppression.at }),
        },
      });
    }
    if (record !== undefined) items.push({ Put: { TableName: this.tableName, Item: decisionItemOf(record) } });
    await this.client.send(new TransactWriteItemsCommand({ TransactItems: items }));
  }
}
