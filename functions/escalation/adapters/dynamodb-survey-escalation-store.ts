/*
 * A confirmed low score's way to an escalation, in the single table:
 *
 * | item               | pk                              | sk                 | gsi1pk (sparse, while waiting) |
 * |--------------------|---------------------------------|--------------------|--------------------------------|
 * | escalation request | ESCALATION_REQUEST#<responseId> | ESCALATION_REQUEST | ESCALATION_REQUESTS            |
 *
 * One low score: 1 BatchGetItem (the request, the round-robin item, CASE#<caseId>/CONTEXT,
 * CUSTOMER#<customerId>/CONTACT) and 1 TransactWriteItems: the request's Update on condition that it
 * still waits (REMOVE gsi1pk, gsi1sk; SET escalationId, takenAt), the escalation and its opening
 * audit entry (attribute_not_exists), the team's round-robin cursor and the assignee's outbox item.
 * The request's condition makes the transaction happen once: a redelivery, or two consumers at
 * once, find the request taken. A request the rules do not escalate is taken with its reason.
 */
import { BatchGetItemCommand, type DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { conditionalWrite } from '../../platform/single-table/conditional-write.ts';
import { writeLabelledTransaction } from '../../platform/single-table/labelled-transaction.ts';
import type { SurveyEscalationContext, SurveyEscalationPlan } from '../core/plan-survey-escalation.ts';
import type { SurveyEscalationStore } from '../core/survey-escalation-store.ts';
import { storedCustomerContactSchema } from '../../surveys/contracts/stored-customer-contact.ts';
import { storedEscalationRequestSchema } from '../../surveys/contracts/stored-survey-response.ts';
import type { EscalationRequest } from '../../surveys/core/escalation-request.ts';
import { createEscalationItems } from './escalation-items.ts';
import { notificationPutItem } from './dynamodb-notification-outbox.ts';
import { ROUND_ROBIN_KEY, roundRobinCursorsOf, roundRobinCursorUpdates } from './dynamodb-round-robin.ts';
import { caseContextOf } from './case-context-item.ts';
import { caseContextKey, contactKey, escalationRequestKey } from '../../surveys/contracts/survey-item-keys.ts';

const STILL_WAITING = 'attribute_exists(gsi1pk)';

/**
 * The DynamoDB single table behind {@link SurveyEscalationStore}: two requests per low score
 * (see the table above).
 *
 * @example
 * ```ts
 * const store = new DynamoDbSurveyEscalationStore(new DynamoDBClient({}), config.TABLE_NAME);
 * const context = await store.readContext(request);
 * ```
 */
export class DynamoDbSurveyEscalationStore implements SurveyEscalationStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async readContext({ responseId, customerId, caseId }: Pick<EscalationRequest, 'responseId' | 'customerId' | 'caseId'>): Promise<SurveyEscalationContext> {
    const keys = [escalationRequestKey(responseId), ROUND_ROBIN_KEY, contactKey(customerId), ...(caseId === undefined ? [] : [caseContextKey(caseId)])];
    const { Responses } = await this.client.send(
      new BatchGetItemCommand({ RequestItems: { [this.tableName]: { Keys: keys.map((key) => marshall(key)), ConsistentRead: true } } }),
    );
    const items = (Responses?.[this.tableName] ?? []).map((item) => unmarshall(item));
    const find = ({ pk, sk }: { pk: string; sk: string }) => items.find((item) => item['pk'] === pk && item['sk'] === sk);
    const requestItem = find(escalationRequestKey(responseId));
    const contactItem = find(contactKey(customerId));
    const request = requestItem === undefined ? undefined : storedEscalationRequestSchema.parse(requestItem);
    // The case and the contact only enrich the decision: one that does not parse is left out, as the complaint consumer does.
    const caseContext = caseContextOf(caseId === undefined ? undefined : find(caseContextKey(caseId)));
    const contact = contactItem === undefined ? undefined : storedCustomerContactSchema.safeParse(contactItem).data;
    return {
      ...(request === undefined
        ? {}
        : {
            request: {
              requestId: request.requestId,
              source: request.source,
              responseId: request.responseId,
              invitationId: request.invitationId,
              customerId: request.customerId,
              caseId: request.caseId,
              csat: request.csat,
              reasons: request.reasons,
              comment: request.comment,
              requestedAt: request.requestedAt,
            },
          }),
      waiting: requestItem?.['gsi1pk'] !== undefined,
      ...(caseContext === undefined ? {} : { caseContext }),
      ...(contact === undefined ? {} : { contact: { tier: contact.tier, region: contact.region, locale: contact.locale } }),
      roundRobinCursors: roundRobinCursorsOf(find(ROUND_ROBIN_KEY)),
    };
  }

  async open(plan: Extract<SurveyEscalationPlan, { kind: 'escalate' }>, now: Date): Promise<'opened' | 'already_taken' | 'conflict'> {
    const { escalation } = plan;
    const outcome = await writeLabelledTransaction(this.client, [
      {
        label: 'escalation-request',
        item: {
          Update: {
            TableName: this.tableName,
            Key: marshall(escalationRequestKey(escalation.id)),
            UpdateExpression: 'SET escalationId = :id, takenAt = :at REMOVE gsi1pk, gsi1sk',
            ConditionExpression: STILL_WAITING,
            ExpressionAttributeValues: marshall({ ':id': escalation.id, ':at': now.toISOString() }),
          },
        },
      },
      ...createEscalationItems(this.tableName, escalation, plan.reference).map((item) => ({ label: 'escalation' as const, item })),
      ...roundRobinCursorUpdates(this.tableName, escalation.team, plan.nextRoundRobinCursor).map((item) => ({ label: 'round-robin' as const, item })),
      ...plan.notifications.map((notification) => ({ label: 'notification' as const, item: notificationPutItem(this.tableName, notification) })),
    ]);
    if (outcome.committed) return 'opened';
    if (outcome.failedConditions.includes('escalation-request')) return 'already_taken';
    if (outcome.conflicts.length > 0) return 'conflict';
    throw outcome.error;
  }

  async close(responseId: string, reason: string, now: Date): Promise<void> {
    // Taken already (a redelivery, or the other consumer): nothing left to close.
    await conditionalWrite(
      this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: marshall(escalationRequestKey(responseId)),
          UpdateExpression: 'SET notEscalatedReason = :reason, takenAt = :at REMOVE gsi1pk, gsi1sk',
          ConditionExpression: STILL_WAITING,
          ExpressionAttributeValues: marshall({ ':reason': reason, ':at': now.toISOString() }),
        }),
      ),
    );
  }
}
