/*
 * The dispatcher's survey items (the table: survey-item-keys.ts). Access patterns:
 * - due invitations: Query gsi1 gsi1pk=INVITATIONS_DUE, gsi1sk <= <now>#~, oldest first, paginated;
 * - due reminders: Query gsi1 gsi1pk=REMINDERS_DUE, gsi1sk <= <now>#~. The mailer puts a sent
 *   invitation there at sentAt + reminderAfterDays; reminding, closing, or the dispatcher finding
 *   it answered or expired REMOVEs it again (an answer need not: the dispatcher drops answered
 *   ones lazily);
 * - the dispatch lease: `dispatchLeaseUntil` on the invitation item, taken by conditional
 *   UpdateItem once its message is queued, while the item is still on the partition it was found
 *   on, so later runs (whose queries filter leased items out) do not queue it again; the mailer
 *   removes it when it records the email.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { MailPurpose } from '../core/decide-mailing.ts';
import type { DueInvitationsPage } from '../core/survey-invitation-store.ts';
import { invitationKey } from '../contracts/survey-item-keys.ts';
import { clean } from '../../platform/single-table/clean-item.ts';
import { INVITATIONS_DUE, queryDueInvitations, REMINDERS_DUE, updateUnlessRefused } from './survey-items.ts';
import type { SurveyDispatchStore } from '../core/survey-invitation-store.ts';

/**
 * The DynamoDB single table behind {@link SurveyDispatchStore}: one Query per due-index page and
 * one conditional UpdateItem (the lease) per email queued.
 *
 * @example
 * ```ts
 * const store = new DynamoDbSurveyDispatchStore(new DynamoDBClient({}), config.TABLE_NAME);
 * const { invitations, cursor } = await store.findDueInvitations(new Date(), 25);
 * ```
 */
export class DynamoDbSurveyDispatchStore implements SurveyDispatchStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async findDueInvitations(now: Date, limit: number, cursor?: string): Promise<DueInvitationsPage> {
    return queryDueInvitations(this.client, this.tableName, INVITATIONS_DUE, now, limit, cursor);
  }

  async findDueReminders(now: Date, limit: number, cursor?: string): Promise<DueInvitationsPage> {
    return queryDueInvitations(this.client, this.tableName, REMINDERS_DUE, now, limit, cursor);
  }

  async leaseForDispatch(invitationId: string, purpose: MailPurpose, now: Date, until: string): Promise<boolean> {
    return updateUnlessRefused(this.client, this.tableName, {
      Key: clean(invitationKey(invitationId)),
      UpdateExpression: 'SET dispatchLeaseUntil = :until',
      // Still on the index it was found on (not sent or closed since), and no live lease of another run.
      ConditionExpression: 'gsi1pk = :partition AND (attribute_not_exists(dispatchLeaseUntil) OR dispatchLeaseUntil < :now)',
      ExpressionAttributeValues: clean({ ':until': until, ':partition': dueIndexOf(purpose), ':now': now.toISOString() }),
    });
  }

  async dropReminder(invitationId: string): Promise<void> {
    await updateUnlessRefused(this.client, this.tableName, {
      Key: clean(invitationKey(invitationId)),
      UpdateExpression: 'REMOVE gsi1pk, gsi1sk, dispatchLeaseUntil',
      ConditionExpression: 'gsi1pk = :reminders',
      ExpressionAttributeValues: clean({ ':reminders': REMINDERS_DUE }),
    });
  }
}

const dueIndexOf = (purpose: MailPurpose) => (purpose === 'invitation' ? INVITATIONS_DUE : REMINDERS_DUE);
