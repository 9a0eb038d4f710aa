// The yardstick for functions/escalation/send-notifications: the notifier at init (see bare-notifier.ts); per
// run the pending outbox items (a Query of gsi1, DynamoDbNotificationOutbox's findPending) and
// each one delivered with its context read from the table. No templates, no logging or metrics.
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { bareNotifier } from './bare-notifier.ts';

const tableName = process.env.TABLE_NAME;
const dynamodb = new DynamoDBClient({});
const notifier = await bareNotifier(dynamodb);

export const handler = async () => {
  const { Items } = await dynamodb.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pending',
      ExpressionAttributeValues: marshall({ ':pending': 'NOTIFICATIONS_PENDING' }),
      Limit: 50,
    }),
  );
  const pending = (Items ?? []).map((item) => unmarshall(item));
  const sent = await notifier.deliver(pending.map((item) => ({ notificationId: String(item.notificationId), escalationId: String(item.escalationId) })));
  return { pending: pending.length, sent };
};
