// The yardstick for functions/surveys/invite-campaign-chunk: per customer of a queued chunk one
// TransactWriteItems (invitation, history, decision line), as DynamoDbCampaignStore's
// scheduleRelationshipInvitation, and a PutItem of the decision line when one is refused
// (recordCustomerDecision); partial batch failures. No validation, no policy, no logging.
import { DynamoDBClient, PutItemCommand, TransactionCanceledException, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { bareBatchHandler } from './batch-failures.ts';

const tableName = process.env.TABLE_NAME;
const dynamodb = new DynamoDBClient({});

const invite = async (campaignId: string, customerId: string, at: string) => {
  const invitationId = `${campaignId}-${customerId}`;
  try {
    await dynamodb.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: marshall({ pk: `INVITATION#${invitationId}`, sk: 'INVITATION', customerId }),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Update: {
              TableName: tableName,
              Key: marshall({ pk: `CUSTOMER#${customerId}`, sk: 'HISTORY' }),
              UpdateExpression: 'SET lastRelationshipScheduledFor = :for',
              ExpressionAttributeValues: marshall({ ':for': at }),
            },
          },
          { Put: { TableName: tableName, Item: marshall({ pk: `CUSTOMER#${customerId}`, sk: `DECISION#${at}`, invitationId }) } },
        ],
      }),
    );
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    await dynamodb.send(
      new PutItemCommand({ TableName: tableName, Item: marshall({ pk: `CUSTOMER#${customerId}`, sk: `DECISION#${at}`, outcome: 'skipped' }) }),
    );
  }
};

export const handler = bareBatchHandler(async (record) => {
  const { campaignId, customerIds } = JSON.parse(record.body) as { campaignId: string; customerIds: string[] };
  const at = new Date().toISOString();
  for (const customerId of customerIds) await invite(campaignId, customerId, at);
});
