// The yardstick for functions/surveys/send-invitation-email: GetSecretValue at init (the link-signing key)
// and an adaptive-retry SESv2 client; per queued email the mailing context (BatchGetItem) and the
// address's suppression (GetItem), the sending claim (UpdateItem), SendEmail and the mailed
// TransactWriteItems, as DynamoDbSurveyMailStore and SesSurveyMailer make them; partial batch
// failures. No policy, no templates, no validation, no logging or metrics.
import { createHmac } from 'node:crypto';
import { BatchGetItemCommand, DynamoDBClient, GetItemCommand, TransactWriteItemsCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { bareBatchHandler } from './batch-failures.ts';

const tableName = process.env.TABLE_NAME ?? '';
const dynamodb = new DynamoDBClient({});
const ses = new SESv2Client({ retryMode: 'adaptive', maxAttempts: 4 });
const secret = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: process.env.SIGNING_KEY_SECRET_ARN }));
const signingKey = secret.SecretString ?? '';

const mail = async (invitationId: string, customerId: string) => {
  const invitationKey = marshall({ pk: `INVITATION#${invitationId}`, sk: 'INVITATION' });
  const { Responses } = await dynamodb.send(
    new BatchGetItemCommand({
      RequestItems: {
        [tableName]: {
          Keys: [invitationKey, marshall({ pk: `CUSTOMER#${customerId}`, sk: 'CONTACT' }), marshall({ pk: `CUSTOMER#${customerId}`, sk: 'HISTORY' })],
        },
      },
    }),
  );
  const contact = (Responses?.[tableName] ?? []).map((item) => unmarshall(item)).find((item) => item.sk === 'CONTACT') ?? {};
  const email = String(contact.email ?? '');
  await dynamodb.send(new GetItemCommand({ TableName: tableName, Key: marshall({ pk: `ADDRESS#${email}`, sk: 'SUPPRESSION' }), ConsistentRead: true }));
  const now = new Date().toISOString();
  await dynamodb.send(
    new UpdateItemCommand({
      TableName: tableName,
      Key: invitationKey,
      UpdateExpression: 'SET sendingUntil = :until',
      ExpressionAttributeValues: marshall({ ':until': now }),
    }),
  );
  const link = `${process.env.PUBLIC_BASE_URL}/s/${invitationId}.${createHmac('sha256', signingKey).update(invitationId).digest('base64url')}`;
  await ses.send(
    new SendEmailCommand({
      FromEmailAddress: process.env.SENDER_ADDRESS,
      ConfigurationSetName: process.env.CONFIGURATION_SET_NAME,
      Destination: { ToAddresses: [email] },
      Content: { Simple: { Subject: { Data: 'How did we do?' }, Body: { Text: { Data: link } } } },
    }),
  );
  await dynamodb.send(
    new TransactWriteItemsCommand({
      TransactItems: [
        {
          Update: {
            TableName: tableName,
            Key: invitationKey,
            UpdateExpression: 'SET sentAt = :at REMOVE sendingUntil',
            ExpressionAttributeValues: marshall({ ':at': now }),
          },
        },
        { Put: { TableName: tableName, Item: marshall({ pk: `CUSTOMER#${customerId}`, sk: `DECISION#${now}`, invitationId }) } },
      ],
    }),
  );
};

export const handler = bareBatchHandler(async (record) => {
  const { invitationId, customerId } = JSON.parse(record.body) as { invitationId: string; customerId: string };
  await mail(invitationId, customerId);
});
