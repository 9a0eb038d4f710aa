// The yardstick for functions/store-feedback: one conditional PutItem per record (the same
// `attribute_not_exists(pk)` write, the item built with @aws-sdk/util-dynamodb as the real
// adapter does), partial batch failures, and nothing else: no validation, no Powertools, no middy.
import { ConditionalCheckFailedException, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { SQSBatchItemFailure, SQSBatchResponse, SQSEvent } from 'aws-lambda';

const tableName = process.env.TABLE_NAME;
const dynamodb = new DynamoDBClient({});

export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const batchItemFailures: SQSBatchItemFailure[] = [];
  for (const record of event.Records) {
    try {
      const message = JSON.parse(record.body) as { feedbackId: string; acceptedAt: string; submission: object };
      await dynamodb.send(
        new PutItemCommand({
          TableName: tableName,
          Item: marshall(
            { pk: `FEEDBACK#${message.feedbackId}`, sk: 'FEEDBACK', acceptedAt: message.acceptedAt, ...message.submission },
            { removeUndefinedValues: true },
          ),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
