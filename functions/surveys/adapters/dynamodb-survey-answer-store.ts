/*
 * The survey page's, answer consumer's and unsubscribe's survey items (the table, with the
 * response and escalation request items: survey-item-keys.ts). Access patterns:
 * - the page: GetItem INVITATION#<id>/INVITATION, INVITATION#<id>/RESPONSE and CUSTOMER#<id>/CONTACT (its locale);
 * - one response per invitation: its key is the invitation's; a Put replaces it only when not older
 *   (`updatedAt`) and, for a one-click score, only while it is not confirmed;
 * - a confirmed answer sets the invitation `answered` and REMOVEs its gsi1 attributes, so no due or
 *   reminder index still lists it. The case pointer keeps `sent`: its readers (a reopen, the next
 *   resolution of the case) only tell cancelled from live, and updating it cost 2 write units;
 * - escalation requests waiting: Query gsi1 gsi1pk=ESCALATION_REQUESTS (sparse: the consumer
 *   REMOVEs gsi1pk once it opened the escalation);
 * - an unsubscribe sets CUSTOMER#<id>/HISTORY optedOut, which decideInvitation and the mailer read;
 *   its decision goes to the case's log, or to the customer's for a relationship survey.
 */
import { GetItemCommand, PutItemCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { clean } from '../../platform/single-table/clean-item.ts';
import { conditionalWrite } from '../../platform/single-table/conditional-write.ts';
import { writeLabelledTransaction, type LabelledItem } from '../../platform/single-table/labelled-transaction.ts';
import type { SurveyInvitation } from '../core/customer-survey-history.ts';
import type { EscalationRequest } from '../core/escalation-request.ts';
import type { SurveyResponse } from '../core/record-survey-answer.ts';
import type { SaveResponseOutcome, SurveyAnswerStore } from '../core/survey-answer-store.ts';
import { storedCustomerContactSchema } from '../contracts/stored-customer-contact.ts';
import { storedSurveyResponseSchema } from '../contracts/stored-survey-response.ts';
import type { SurveyDecisionRecord } from '../contracts/survey-decision-record.ts';
import { contactKey, decisionKey, escalationRequestKey, historyKey, invitationKey, responseKey } from '../contracts/survey-item-keys.ts';
import { invitationOf, responseAttributes } from './survey-items.ts';

const decisionItem = (record: SurveyDecisionRecord) => ({ ...decisionKey(record), ...record });

export interface DynamoDbSurveyAnswerStoreOptions {
  /**
   * Strongly consistent GetItems (1 read unit each) or eventually consistent ones (half). The
   * consumer decides from what it reads; the page only shows it, and its one-click check is
   * repeated by the consumer, so a read a moment stale costs nothing there. @default true
   */
  readonly consistentReads?: boolean;
}

/**
 * The DynamoDB single table behind {@link SurveyAnswerStore}. DynamoDB requests: showing a page
 * 3 GetItems (in parallel); storing a response 2 GetItems (invitation, response) + 1 PutItem
 * for a one-click score, or 1 TransactWriteItems for a confirmed answer (3 items for the first,
 * with its `answered` decision; 2 for a later one), + 1 PutItem for an escalation request; an unsubscribe 1 GetItem + 1 TransactWriteItems of 2.
 *
 * @example
 * ```ts
 * const store = new DynamoDbSurveyAnswerStore(new DynamoDBClient({}), config.TABLE_NAME);
 * const invitation = await store.loadInvitation(invitationId);
 * ```
 */
export class DynamoDbSurveyAnswerStore implements SurveyAnswerStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    private readonly options: DynamoDbSurveyAnswerStoreOptions = {},
  ) {}

  async loadInvitation(invitationId: string): Promise<SurveyInvitation | undefined> {
    const item = await this.get(invitationKey(invitationId));
    return item ? invitationOf(item) : undefined;
  }

  async loadCustomerLocale(customerId: string): Promise<string | undefined> {
    const item = await this.get(contactKey(customerId));
    return item ? storedCustomerContactSchema.parse(item).locale : undefined;
  }

  async loadResponse(invitationId: string): Promise<SurveyResponse | undefined> {
    const item = await this.get(responseKey(invitationId));
    if (!item) return undefined;
    const { pk: _pk, sk: _sk, ...response } = storedSurveyResponseSchema.parse(item);
    return response as SurveyResponse;
  }

  async saveResponse(
    response: SurveyResponse,
    effects: { readonly invitation: SurveyInvitation; readonly record?: SurveyDecisionRecord | undefined; readonly escalation?: EscalationRequest | undefined },
  ): Promise<SaveResponseOutcome> {
    const { invitation, record, escalation } = effects;
    const responseItem = clean(responseAttributes(response, invitation));
    if (response.status !== 'confirmed') return this.putProvisional(response, responseItem);
    // The invitation must still exist and not be cancelled (a reopen) for a confirmed answer to land.
    const items: LabelledItem<'response' | 'invitation' | 'decision'>[] = [
      {
        label: 'response',
        item: {
          // Never older over newer (a redelivered message). A first confirmation, the one that logs
          // `answered`, also never lands over a confirmed answer: two deliveries that both read none
          // confirmed (the same answer posted twice) would each log a line keyed by its own time.
          Put: {
            TableName: this.tableName,
            Item: responseItem,
            ...(record
              ? {
                  ConditionExpression: 'attribute_not_exists(pk) OR (#status <> :confirmed AND updatedAt <= :updatedAt)',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: clean({ ':updatedAt': response.updatedAt, ':confirmed': 'confirmed' }),
                }
              : {
                  ConditionExpression: 'attribute_not_exists(pk) OR updatedAt <= :updatedAt',
                  ExpressionAttributeValues: clean({ ':updatedAt': response.updatedAt }),
                }),
          },
        },
      },
      {
        label: 'invitation',
        item: {
          // REMOVE gsi1: a confirmed answer leaves every due or reminder index entry, so no reminder follows it.
          Update: {
            TableName: this.tableName,
            Key: clean(invitationKey(invitation.invitationId)),
            UpdateExpression: 'SET #state = :answered, answeredAt = if_not_exists(answeredAt, :at) REMOVE gsi1pk, gsi1sk',
            ConditionExpression: 'attribute_exists(pk) AND #state <> :cancelled',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: clean({ ':answered': 'answered', ':at': response.confirmedAt, ':cancelled': 'cancelled' }),
          },
        },
      },
    ];
    if (record) items.push({ label: 'decision', item: { Put: { TableName: this.tableName, Item: clean(decisionItem(record)) } } });
    const outcome = await writeLabelledTransaction(this.client, items);
    if (!outcome.committed) {
      if (outcome.failedConditions.includes('response')) return 'superseded';
      if (outcome.failedConditions.includes('invitation')) return 'closed';
      throw outcome.error;
    }
    // After the response, so a request never exists without its response; conditional, so a
    // redelivery (or a changed answer) never writes a second one.
    if (escalation) await this.putEscalationRequestOnce(escalation);
    return 'saved';
  }

  /**
   * A one-click score in one conditional PutItem (1 write unit) rather than a transaction with a
   * ConditionCheck on the invitation (4): the consumer has just read the invitation open, and a
   * sent invitation (the only kind with a rating link) is never cancelled, since a reopen and the
   * mailer cancel only unsent ones. Were it cancelled in between, the score would stay provisional:
   * never counted, never escalated, and no confirmation could follow it (that transaction checks).
   */
  private async putProvisional(response: SurveyResponse, item: Record<string, AttributeValue>): Promise<SaveResponseOutcome> {
    const outcome = await conditionalWrite(
      this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: item,
          // Never over a confirmed answer, never older over newer.
          ConditionExpression: 'attribute_not_exists(pk) OR (#status = :provisional AND updatedAt <= :updatedAt)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: clean({ ':updatedAt': response.updatedAt, ':provisional': 'provisional' }),
        }),
      ),
    );
    return outcome === 'written' ? 'saved' : 'superseded';
  }

  async optOut(record: SurveyDecisionRecord): Promise<'opted_out' | 'already_opted_out'> {
    const outcome = await writeLabelledTransaction(this.client, [
      {
        label: 'history',
        item: {
          Update: {
            TableName: this.tableName,
            Key: clean(historyKey(record.customerId)),
            UpdateExpression: 'SET optedOut = :true, optedOutAt = :at, customerId = :customer',
            ConditionExpression: 'attribute_not_exists(optedOut) OR optedOut = :false',
            ExpressionAttributeValues: clean({ ':true': true, ':false': false, ':at': record.decidedAt, ':customer': record.customerId }),
          },
        },
      },
      { label: 'decision', item: { Put: { TableName: this.tableName, Item: clean(decisionItem(record)) } } },
    ]);
    if (outcome.committed) return 'opted_out';
    if (outcome.failedConditions.includes('history')) return 'already_opted_out';
    throw outcome.error;
  }

  private async putEscalationRequestOnce(request: EscalationRequest): Promise<void> {
    await conditionalWrite(
      this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: clean({
            ...escalationRequestKey(request.responseId),
            ...request,
            gsi1pk: 'ESCALATION_REQUESTS',
            gsi1sk: `${request.requestedAt}#${request.responseId}`,
          }),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }

  private async get(key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined> {
    const { Item } = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: clean(key), ConsistentRead: this.options.consistentReads ?? true }),
    );
    return Item ? unmarshall(Item) : undefined;
  }
}
