// The yardstick for functions/surveys/start-campaign: per run a Query of the customers seen in the period,
// page after page (DynamoDbCampaignStore's listCustomersSeen), then the chunks queued ten to a
// SendMessageBatch (SqsBatchSender). No sampling policy, no validation, no logging.
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';

const tableName = process.env.TABLE_NAME;
const queueUrl = process.env.CAMPAIGN_QUEUE_URL;
const dynamodb = new DynamoDBClient({});
const sqs = new SQSClient({});
const CHUNK = 50;

export const handler = async (event: { campaignId?: string; month?: string }) => {
  const campaignId = event.campaignId ?? new Date().toISOString();
  const month = event.month ?? new Date().toISOString().slice(0, 7);
  const customerIds: string[] = [];
  let ExclusiveStartKey: Record<string, never> | undefined;
  do {
    const page = await dynamodb.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :seen',
        ExpressionAttributeValues: marshall({ ':seen': `SEEN#${month}` }),
        ProjectionExpression: 'gsi1sk',
        ExclusiveStartKey,
      }),
    );
    customerIds.push(...(page.Items ?? []).map((item) => String(unmarshall(item).gsi1sk)));
    ExclusiveStartKey = page.LastEvaluatedKey as Record<string, never> | undefined;
  } while (ExclusiveStartKey);
  const chunks = Array.from({ length: Math.ceil(customerIds.length / CHUNK) }, (_, index) => ({
    campaignId,
    firstIndex: index * CHUNK,
    customerIds: customerIds.slice(index * CHUNK, (index + 1) * CHUNK),
  }));
  for (let first = 0; first < chunks.length; first += 10) {
    const Entries = chunks.slice(first, first + 10).map((chunk, index) => ({ Id: String(index), MessageBody: JSON.stringify(chunk) }));
    await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries }));
  }
  return { campaignId, customers: customerIds.length, chunks: chunks.length };
};
