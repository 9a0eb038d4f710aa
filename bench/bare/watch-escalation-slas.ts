// The yardstick for functions/escalation/watch-escalation-slas: per run the due escalations, page after page
// (a Query of the sparse gsi3, DynamoDbSlaWatchStore's findUnacknowledgedDue), and for each one
// step's TransactWriteItems (the escalation, its audit entry, its outbox item); then each step's
// email through the notifier at init (see bare-notifier.ts), as the watcher sends them in its run.
// No SLA rules, no business time, no rosters, no pacing, no logging or metrics.
import { DynamoDBClient, QueryCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { type BareNotification, bareNotifier } from './bare-notifier.ts';

const tableName = process.env.TABLE_NAME;
const dynamodb = new DynamoDBClient({});
const notifier = await bareNotifier(dynamodb);

export const handler = async () => {
  const now = new Date().toISOString();
  let moved = 0;
  const emails: BareNotification[] = [];
  let ExclusiveStartKey: Record<string, never> | undefined;
  do {
    const page = await dynamodb.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :unacknowledged AND gsi3sk <= :dueBy',
        ExpressionAttributeValues: marshall({ ':unacknowledged': 'UNACKNOWLEDGED', ':dueBy': `${now}#~` }),
        Limit: 25,
        ExclusiveStartKey,
      }),
    );
    for (const escalation of (page.Items ?? []).map((item) => unmarshall(item))) {
      await dynamodb.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Update: {
                TableName: tableName,
                Key: marshall({ pk: String(escalation.pk), sk: 'ESCALATION' }),
                UpdateExpression: 'SET #level = #level + :one',
                ExpressionAttributeNames: { '#level': 'level' },
                ExpressionAttributeValues: marshall({ ':one': 1 }),
              },
            },
            { Put: { TableName: tableName, Item: marshall({ pk: String(escalation.pk), sk: `AUDIT#${now}` }) } },
            { Put: { TableName: tableName, Item: marshall({ pk: `NOTIFICATION#${String(escalation.pk)}-${now}`, sk: 'NOTIFICATION' }) } },
          ],
        }),
      );
      moved++;
      emails.push({ notificationId: `${String(escalation.pk)}-${now}`, escalationId: String(escalation.pk) });
    }
    ExclusiveStartKey = page.LastEvaluatedKey as Record<string, never> | undefined;
  } while (ExclusiveStartKey);
  return { moved, sent: await notifier.deliver(emails) };
};
