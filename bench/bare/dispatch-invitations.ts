// The yardstick for functions/surveys/dispatch-invitations: per run a Query of the due invitations and one
// of the due reminders (DynamoDbSurveyDispatchStore's findDueInvitations and findDueReminders), a
// SendMessageBatch per ten of them (SqsMessageBatchQueue), then a conditional UpdateItem lease on each queued one (leaseForDispatch).
// No run cap, no validation, no logging or metrics.
import { ConditionalCheckFailedException, DynamoDBClient, QueryCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';

const tableName = process.env.TABLE_NAME;
const queueUrl = process.env.NOTIFICATION_QUEUE_URL;
const dynamodb = new DynamoDBClient({});
const sqs = new SQSClient({});

const lease = async (invitationId: string, now: string): Promise<boolean> => {
  try {
    await dynamodb.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: marshall({ pk: `INVITATION#${invitationId}`, sk: 'INVITATION' }),
        UpdateExpression: 'SET dispatchLeaseUntil = :until',
        ConditionExpression: 'attribute_not_exists(dispatchLeaseUntil) OR dispatchLeaseUntil < :now',
        ExpressionAttributeValues: marshall({ ':until': now, ':now': now }),
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
};

export const handler = async () => {
  const now = new Date().toISOString();
  const due = await Promise.all(
    ['INVITATIONS_DUE', 'REMINDERS_DUE'].map(async (partition) => {
      const { Items } = await dynamodb.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :due AND gsi1sk <= :upTo',
          ExpressionAttributeValues: marshall({ ':due': partition, ':upTo': `${now}#~` }),
          Limit: 100,
        }),
      );
      return (Items ?? []).map(
        (item): Record<string, unknown> => ({ ...unmarshall(item), purpose: partition === 'INVITATIONS_DUE' ? 'invitation' : 'reminder' }),
      );
    }),
  );
  const queued = due.flat();
  for (let first = 0; first < queued.length; first += 10) {
    const Entries = queued
      .slice(first, first + 10)
      .map((invitation, index) => ({ Id: String(index), MessageBody: JSON.stringify({ ...invitation, queuedAt: now }) }));
    await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries }));
  }
  let leased = 0;
  for (const invitation of queued) if (await lease(String(invitation.invitationId), now)) leased++;
  return { queued: queued.length, leased };
};
