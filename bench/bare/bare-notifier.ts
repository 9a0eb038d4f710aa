// The yardstick for functions/escalation/wiring/escalation-notifier.ts, which four functions build at init:
// GetSecretValue (the status links' signing key) and an adaptive-retry SESv2 client; per email,
// the outbox claim (UpdateItem), the context read (BatchGetItem), SendEmail and the mark as sent
// (UpdateItem), as DynamoDbNotificationOutbox and SesNotificationMailer make them.
import { BatchGetItemCommand, ConditionalCheckFailedException, type DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';

export interface BareNotification {
  readonly notificationId: string;
  readonly escalationId: string;
  readonly context?: Record<string, unknown>;
}

/** Builds the bare notifier once per environment, as `escalationNotifier` is. */
export const bareNotifier = async (dynamodb: DynamoDBClient) => {
  const tableName = process.env.TABLE_NAME ?? '';
  const sender = process.env.NOTIFICATION_SENDER_ADDRESS;
  const secret = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: process.env.SIGNING_KEY_SECRET_ARN }));
  const ses = new SESv2Client({ retryMode: 'adaptive' });
  const readEscalation = async (escalationId: string) => {
    const { Responses } = await dynamodb.send(
      new BatchGetItemCommand({
        RequestItems: { [tableName]: { Keys: [marshall({ pk: `ESCALATION#${escalationId}`, sk: 'ESCALATION' })], ConsistentRead: true } },
      }),
    );
    return (Responses?.[tableName] ?? []).map((item) => unmarshall(item))[0] ?? {};
  };
  return {
    signingKey: secret.SecretString,
    /** Sends each notification once claimed; the context is read only when the caller has none, as `contextOf`. */
    deliver: async (notifications: readonly BareNotification[]): Promise<number> => {
      let sent = 0;
      for (const { notificationId, escalationId, context } of notifications) {
        const key = marshall({ pk: `NOTIFICATION#${notificationId}`, sk: 'NOTIFICATION' });
        const now = new Date().toISOString();
        try {
          await dynamodb.send(
            new UpdateItemCommand({
              TableName: tableName,
              Key: key,
              UpdateExpression: 'SET leaseUntil = :until',
              ConditionExpression: 'attribute_not_exists(leaseUntil) OR leaseUntil < :now',
              ExpressionAttributeValues: marshall({ ':until': now, ':now': now }),
            }),
          );
        } catch (error) {
          if (error instanceof ConditionalCheckFailedException) continue;
          throw error;
        }
        const escalation = context ?? (await readEscalation(escalationId));
        await ses.send(
          new SendEmailCommand({
            FromEmailAddress: sender,
            Destination: { ToAddresses: [String(escalation.email ?? 'supervisor@example.com')] },
            Content: { Simple: { Subject: { Data: 'Escalation' }, Body: { Text: { Data: JSON.stringify(escalation) } } } },
          }),
        );
        await dynamodb.send(
          new UpdateItemCommand({
            TableName: tableName,
            Key: key,
            UpdateExpression: 'REMOVE gsi1pk SET sentAt = :now',
            ExpressionAttributeValues: marshall({ ':now': now }),
          }),
        );
        sent++;
      }
      return sent;
    },
  };
};
