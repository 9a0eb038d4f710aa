import { type DynamoDBClient, GetItemCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { complaintKey } from '../../intake/core/complaint-record.ts';
import { escalationRequestKey, responseKey } from '../../surveys/contracts/survey-item-keys.ts';
import { escalationComplaintSchema, escalationSurveyAnswerSchema } from '../contracts/supervisor-api.ts';
import type { EscalationSubjectStore } from '../core/escalation-subject-store.ts';
import { notificationPutItem } from './dynamodb-notification-outbox.ts';

/**
 * The supervisor API's view of complaints and survey answers in the single table: one
 * projected GetItem per read, and the resolve's complaint writes as transaction items. A
 * closure over the client rather than a class: the functions are passed on as they are.
 *
 * @example
 * ```ts
 * const subjects = dynamoDbSupervisorStore(new DynamoDBClient({}), process.env.TABLE_NAME);
 * await subjects.complaintOf(escalationId);
 * ```
 */
export const dynamoDbSupervisorStore = (dynamodb: DynamoDBClient, tableName: string): EscalationSubjectStore => ({
  complaintOf: async (escalationId) => {
    const { Item } = await dynamodb.send(
      new GetItemCommand({
        TableName: tableName,
        Key: marshall(complaintKey(escalationId)),
        ProjectionExpression: 'category, description, caseId, product, #language, acceptedAt, acknowledgement',
        ExpressionAttributeNames: { '#language': 'language' },
      }),
    );
    return Item === undefined ? undefined : escalationComplaintSchema.parse(unmarshall(Item));
  },

  // The request of a low-score escalation keeps the answer as first confirmed.
  surveyAnswerOf: async (escalationId) => {
    const { Item } = await dynamodb.send(
      new GetItemCommand({
        TableName: tableName,
        Key: marshall(escalationRequestKey(escalationId)),
        ProjectionExpression: 'invitationId, csat, reasons, #comment, caseId, requestedAt',
        ExpressionAttributeNames: { '#comment': 'comment' },
      }),
    );
    if (Item === undefined) return undefined;
    const { requestedAt, ...answer } = unmarshall(Item);
    // Whether a supervisor marked it about the product is on the answer itself (it may change since).
    const marked =
      typeof answer['invitationId'] !== 'string'
        ? undefined
        : (
            await dynamodb.send(
              new GetItemCommand({ TableName: tableName, Key: marshall(responseKey(answer['invitationId'])), ProjectionExpression: 'aboutProductNotAgent' }),
            )
          ).Item?.['aboutProductNotAgent']?.BOOL;
    return escalationSurveyAnswerSchema.parse({ ...answer, ...(marked === undefined ? {} : { aboutProductNotAgent: marked }), answeredAt: requestedAt });
  },

  hasComplaint: async (complaintId) =>
    (await dynamodb.send(new GetItemCommand({ TableName: tableName, Key: marshall(complaintKey(complaintId)), ProjectionExpression: 'pk' }))).Item !==
    undefined,

  resolutionWrites: (escalation, notification, expiresAt): readonly TransactWriteItem[] => [
    notificationPutItem(tableName, notification),
    {
      Update: {
        TableName: tableName,
        Key: marshall(complaintKey(escalation.id)),
        UpdateExpression: 'SET #status = :resolved, resolution = :resolution, resolvedAt = :at, expiresAt = :expiresAt',
        // Only a stored complaint: never a new item.
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: marshall({
          ':resolved': 'resolved',
          ':resolution': escalation.resolution ?? '',
          ':at': escalation.resolvedAt ?? '',
          ':expiresAt': expiresAt,
        }),
      },
    },
  ],
});
