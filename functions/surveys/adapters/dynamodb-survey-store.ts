/*
 * The whole SurveyStore port (the table: survey-item-keys.ts): the case intake's access patterns
 * (dynamodb-case-intake-store.ts), plus
 * - due invitations: Query gsi1 gsi1pk=INVITATIONS_DUE, gsi1sk <= <now>#~, oldest first, paginated;
 * - invitation by id: GetItem INVITATION#<id>/INVITATION, then one TransactWriteItems marking it
 *   sent (conditional on `scheduled`), the history and the case pointer.
 * No function sends this way: the dispatcher's lease and the mailer's claim are in
 * dynamodb-survey-dispatch-store.ts and dynamodb-survey-mail-store.ts.
 */
import { GetItemCommand, TransactionCanceledException, TransactWriteItemsCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DueInvitationsPage, SurveyStore } from '../core/survey-store.ts';
import { DynamoDbCaseIntakeStore } from './dynamodb-case-intake-store.ts';
import { casePointerKey, historyKey, invitationKey } from '../contracts/survey-item-keys.ts';
import { clean } from '../../platform/single-table/clean-item.ts';
import { INVITATIONS_DUE, invitationOf, queryDueInvitations } from './survey-items.ts';

/**
 * The DynamoDB single table behind {@link SurveyStore}: the case intake's operations (see
 * {@link DynamoDbCaseIntakeStore}), and `findDueInvitations` 1 Query per page, `markSent` 2 (GetItem
 * + TransactWriteItems of 3). So one post-resolution invitation, scheduled and sent, costs 5
 * requests plus its share of a due-index page; 8 write units to schedule and 6 to send, for items
 * under 1 KB, plus gsi1's own writes.
 *
 * @example
 * ```ts
 * const store = new DynamoDbSurveyStore(new DynamoDBClient({}), tableName);
 * for (const invitation of (await store.findDueInvitations(new Date(), 25)).invitations) await store.markSent(invitation.invitationId, new Date());
 * ```
 */
export class DynamoDbSurveyStore extends DynamoDbCaseIntakeStore implements SurveyStore {
  async findDueInvitations(now: Date, limit: number, cursor?: string): Promise<DueInvitationsPage> {
    return queryDueInvitations(this.client, this.tableName, INVITATIONS_DUE, now, limit, cursor);
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
}
