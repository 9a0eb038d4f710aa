/*
 * The mailer's survey items (the table: survey-item-keys.ts). Access patterns:
 * - the mailer's read: BatchGetItem of invitation, CUSTOMER#<id>/CONTACT and HISTORY, then GetItem
 *   of the address suppression (keyed by a hash: no plain address in any key, index or log);
 * - the sending claim: `sendingUntil` + `sendingClaim` on the invitation item, taken by conditional
 *   UpdateItem while the invitation is still due, so two deliveries of one message never send twice;
 * - sent, reminded or closed: one TransactWriteItems of the invitation (conditional on its state;
 *   a sent invitation moves from INVITATIONS_DUE to REMINDERS_DUE, or leaves gsi1), the history,
 *   the case pointer (if it still names this invitation) and the decision line, which also
 *   removes the dispatcher's lease and the claim.
 */
import { BatchGetItemCommand, GetItemCommand, type AttributeValue, type DynamoDBClient, type Update } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { addressKey } from '../core/address-key.ts';
import type { SurveyInvitation } from '../core/customer-survey-history.ts';
import type { MailPurpose } from '../core/decide-mailing.ts';
import { storedCustomerContactSchema } from '../contracts/stored-customer-contact.ts';
import { storedCustomerHistorySchema } from '../contracts/stored-customer-history.ts';
import type { SurveyDecisionRecord } from '../contracts/survey-decision-record.ts';
import { addressSuppressionKey, casePointerKey, contactKey, historyKey, invitationKey } from '../contracts/survey-item-keys.ts';
import { clean } from '../../platform/single-table/clean-item.ts';
import { writeLabelledTransaction, type LabelledItem } from '../../platform/single-table/labelled-transaction.ts';
import { decisionItemOf, invitationOf, REMINDERS_DUE, updateUnlessRefused } from './survey-items.ts';
import type { StoredMailingContext, SurveyMailStore } from '../core/survey-invitation-store.ts';

type MailItem = LabelledItem<'invitation' | 'history' | 'case-pointer' | 'decision'>;

/**
 * The DynamoDB single table behind {@link SurveyMailStore}: per message a BatchGetItem and a
 * GetItem (the read), an UpdateItem (the sending claim) and one TransactWriteItems (sent or
 * reminded, history, case pointer and decision). With the dispatcher's lease, an invitation costs
 * 5 requests to mail, and its reminder 5 more.
 *
 * @example
 * ```ts
 * const store = new DynamoDbSurveyMailStore(new DynamoDBClient({}), config.TABLE_NAME);
 * const context = await store.loadMailingContext(message.invitationId, message.customerId);
 * ```
 */
export class DynamoDbSurveyMailStore implements SurveyMailStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async loadMailingContext(invitationId: string, customerId: string): Promise<StoredMailingContext> {
    const keys = [invitationKey(invitationId), contactKey(customerId), historyKey(customerId)];
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
    return updateUnlessRefused(this.client, this.tableName, {
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
    await updateUnlessRefused(this.client, this.tableName, {
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
    const items: MailItem[] = [];
    if (purpose === 'invitation') {
      items.push(
        // The condition is what stops a second `sent`: the index and the leases only make it rare.
        this.invitationUpdate(invitation, {
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
        }),
        {
          label: 'history',
          item: {
            Update: {
              TableName: this.tableName,
              Key: clean(historyKey(invitation.customerId)),
              UpdateExpression: `SET ${invitation.kind === 'relationship' ? 'lastRelationshipSurveyAt' : 'lastPostResolutionSurveyAt'} = :at`,
              ExpressionAttributeValues: clean({ ':at': at }),
            },
          },
        },
      );
      if (invitation.caseId !== undefined)
        items.push(this.casePointerUpdate(invitation, 'SET #state = :sent, sentAt = :at', { '#state': 'state' }, { ':sent': 'sent', ':at': at }));
    } else {
      items.push(
        this.invitationUpdate(invitation, {
          UpdateExpression: `SET remindedAt = :at REMOVE gsi1pk, gsi1sk, ${released}`,
          ConditionExpression: 'attribute_not_exists(remindedAt)',
          ExpressionAttributeValues: clean({ ':at': at }),
        }),
      );
      if (invitation.caseId !== undefined) items.push(this.casePointerUpdate(invitation, 'SET remindedAt = :at', undefined, { ':at': at }));
    }
    items.push({ label: 'decision', item: { Put: { TableName: this.tableName, Item: decisionItemOf(record) } } });
    await this.transactUnlessInvitationRefused(items);
  }

  async closeUnsent(invitation: SurveyInvitation, purpose: MailPurpose, record: SurveyDecisionRecord): Promise<void> {
    const released = 'gsi1pk, gsi1sk, dispatchLeaseUntil, sendingUntil, sendingClaim';
    const items: MailItem[] = [];
    if (purpose === 'invitation') {
      // Closed unsent reads as cancelled everywhere (the case may be surveyed on its next resolution,
      // when the policy looks again); `closedReason` says it was the mailer.
      const values = { ':cancelled': 'cancelled', ':at': record.decidedAt };
      items.push(
        this.invitationUpdate(invitation, {
          UpdateExpression: `SET #state = :cancelled, cancelledAt = :at, closedReason = :reason REMOVE ${released}`,
          ConditionExpression: '#state = :scheduled',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: clean({ ...values, ':reason': record.reason, ':scheduled': 'scheduled' }),
        }),
      );
      if (invitation.caseId !== undefined)
        items.push(this.casePointerUpdate(invitation, 'SET #state = :cancelled, cancelledAt = :at', { '#state': 'state' }, values));
    } else {
      items.push(
        this.invitationUpdate(invitation, {
          UpdateExpression: `SET reminderClosedReason = :reason REMOVE ${released}`,
          ConditionExpression: 'gsi1pk = :reminders',
          ExpressionAttributeValues: clean({ ':reason': record.reason, ':reminders': REMINDERS_DUE }),
        }),
      );
    }
    items.push({ label: 'decision', item: { Put: { TableName: this.tableName, Item: decisionItemOf(record) } } });
    await this.transactUnlessInvitationRefused(items);
  }

  private async addressSuppression(key: string): Promise<'bounced' | 'complained' | undefined> {
    const { Item } = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: clean(addressSuppressionKey(key)), ConsistentRead: true }));
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

  /** The invitation's own update: its condition failing is what refuses the whole transaction. */
  private invitationUpdate(invitation: SurveyInvitation, update: Omit<Update, 'TableName' | 'Key'>): MailItem {
    return { label: 'invitation', item: { Update: { TableName: this.tableName, Key: clean(invitationKey(invitation.invitationId)), ...update } } };
  }

  private casePointerUpdate(
    invitation: SurveyInvitation,
    expression: string,
    names: Record<string, string> | undefined,
    values: Record<string, unknown>,
  ): MailItem {
    return {
      label: 'case-pointer',
      item: {
        Update: {
          TableName: this.tableName,
          Key: clean(casePointerKey(invitation.caseId!)),
          UpdateExpression: expression,
          // The pointer may have moved to a newer invitation of the case: then it is not this one's to change.
          ConditionExpression: 'invitationId = :id',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: clean({ ...values, ':id': invitation.invitationId }),
        },
      },
    };
  }

  // A refused invitation means another delivery got there first: nothing left to do. A refused
  // case pointer (a newer invitation of the case) also cancels the transaction: that one is rare
  // and recorded by the caller's retry through the invitation's answer.
  private async transactUnlessInvitationRefused(items: readonly MailItem[]): Promise<void> {
    const outcome = await writeLabelledTransaction(this.client, items);
    if (outcome.committed || outcome.failedConditions.includes('invitation')) return;
    throw outcome.error;
  }
}
