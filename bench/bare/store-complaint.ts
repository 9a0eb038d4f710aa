// The yardstick for functions/intake/store-complaint: the notifier at init (see bare-notifier.ts); per
// queued complaint its context (one BatchGetItem: the case, the complainant's log, the round-robin
// cursors), one TransactWriteItems (the complaint if absent, its escalation, the two outbox items),
// as DynamoDbComplaintEscalationStore, then the two emails with the context in hand. Partial batch
// failures; no validation, no escalation rules, no logging or metrics.
import { BatchGetItemCommand, DynamoDBClient, TransactionCanceledException, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { bareNotifier } from './bare-notifier.ts';
import { bareBatchHandler } from './batch-failures.ts';

const tableName = process.env.TABLE_NAME ?? '';
const dynamodb = new DynamoDBClient({});
const notifier = await bareNotifier(dynamodb);

interface QueuedComplaint {
  readonly complaintId: string;
  readonly acceptedAt: string;
  readonly submission: { readonly caseId?: string; readonly email?: string };
}

export const handler = bareBatchHandler(async (record) => {
  const message = JSON.parse(record.body) as QueuedComplaint;
  const complaintKey = { pk: `COMPLAINT#${message.complaintId}`, sk: 'COMPLAINT' };
  const { Responses } = await dynamodb.send(
    new BatchGetItemCommand({
      RequestItems: {
        [tableName]: {
          Keys: [
            { pk: `CASE#${message.submission.caseId}`, sk: 'CONTEXT' },
            { pk: `COMPLAINANT#${message.submission.email?.toLowerCase()}`, sk: 'COMPLAINANT' },
            { pk: 'ROUND_ROBIN', sk: 'ROUND_ROBIN' },
          ].map((key) => marshall(key)),
          ConsistentRead: true,
        },
      },
    }),
  );
  const context = Object.assign({}, ...(Responses?.[tableName] ?? []).map((item) => unmarshall(item))) as Record<string, unknown>;
  const escalationId = message.complaintId;
  const notificationIds = [`${escalationId}-acknowledged`, `${escalationId}-opened`];
  try {
    await dynamodb.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: marshall(
                { ...complaintKey, acceptedAt: message.acceptedAt, ...message.submission, status: 'under_review' },
                { removeUndefinedValues: true },
              ),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: { TableName: tableName, Item: marshall({ pk: `ESCALATION#${escalationId}`, sk: 'ESCALATION', ...context }, { removeUndefinedValues: true }) },
          },
          ...notificationIds.map((notificationId) => ({
            Put: { TableName: tableName, Item: marshall({ pk: `NOTIFICATION#${notificationId}`, sk: 'NOTIFICATION', escalationId }) },
          })),
        ],
      }),
    );
  } catch (error) {
    // A redelivered complaint finds its item there already.
    if (error instanceof TransactionCanceledException) return;
    throw error;
  }
  await notifier.deliver(notificationIds.map((notificationId) => ({ notificationId, escalationId, context: { ...context, email: message.submission.email } })));
});
