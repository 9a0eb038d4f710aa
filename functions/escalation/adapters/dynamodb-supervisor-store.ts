import { type DynamoDBClient, GetItemCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { complaintKey } from '../../intake/core/complaint-record.ts';
import { escalationRequestKey } from '../../surveys/contracts/survey-item-keys.ts';
import type { StoredNotification } from '../contracts/stored-notification-items.ts';
import { type EscalationComplaint, type EscalationSurveyAnswer, escalationComplaintSchema, escalationSurveyAnswerSchema } from '../contracts/supervisor-api.ts';
import type { EscalationSubjectStore } from '../core/escalation-subject-store.ts';
import type { StoredEscalation } from '../core/escalation-store.ts';
import { notificationPutItem } from './dynamodb-notification-outbox.ts';

/**
 * The supervisor API's view of complaints and survey answers in the single table: one
 * projected GetItem per read, and the resolve's complaint writes as transaction items.
 *
 * @example
 * ```ts
 * const subjects = new DynamoDbSupervisorStore(new DynamoDBClient({}), process.env.TABLE_NAME);
 * await subjects.complaintOf(escalationId);
 * ```
 */
export class DynamoDbSupervisorStore implements EscalationSubjectStore {
  constructor(
    private readonly dynamodb: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async complaintOf(escalationId: string): Promise<EscalationComplaint | undefined> {
    const { Item } = await this.dynamodb.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: marshall(complaintKey(escalationId)),
        ProjectionExpression: 'category, description, caseId, product, #language, acceptedAt',
        ExpressionAttributeNames: { '#language': 'language' },
      }),
    );
    return Item === undefined ? undefined : escalationComplaintSchema.parse(unmarshall(Item));
  }

  // The request of a low-score escalation keeps the answer as first confirmed.
  async surveyAnswerOf(escalationId: string): Promise<EscalationSurveyAnswer | undefined> {
    const { Item } = await this.dynamodb.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: marshall(escalationRequestKey(escalationId)),
        ProjectionExpression: 'csat, reasons, #comment, caseId, requestedAt',
        ExpressionAttributeNames: { '#comment': 'comment' },
      }),
    );
    if (Item === undefined) return undefined;
    const { requestedAt, ...answer } = unmarshall(Item);
    return escalationSurveyAnswerSchema.parse({ ...answer, answeredAt: requestedAt });
  }

  async complaintExists(complaintId: string): Promise<boolean> {
    const { Item } = await this.dynamodb.send(
      new GetItemCommand({ TableName: this.tableName, Key: marshall(complaintKey(complaintId)), ProjectionExpression: 'pk' }),
    );
    return Item !== undefined;
  }

  complaintResolvedWrites(escalation: Omit<StoredEscalation, 'audit'>, notification: StoredNotification): readonly TransactWriteItem[] {
    return [
      notificationPutItem(this.tableName, notification),
      {
        Update: {
          TableName: this.tableName,
          Key: marshall(complaintKey(escalation.id)),
          UpdateExpression: 'SET #status = :resolved, resolution = :resolution, resolvedAt = :at',
          // Only a stored complaint: never a new item.
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: marshall({ ':resolved': 'resolved', ':resolution': escalation.resolution ?? '', ':at': escalation.resolvedAt ?? '' }),
        },
      },
    ];
  }
}
