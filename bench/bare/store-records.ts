// The yardstick for the store-feedback consumer: one conditional PutItem per record (the same
// `attribute_not_exists(pk)` write, the item built with @aws-sdk/util-dynamodb as the real
// adapter does), partial batch failures, and nothing else: no validation, no Powertools, no middy.
import { ConditionalCheckFailedException, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { bareBatchHandler } from './batch-failures.ts';

interface QueuedMessage {
  readonly acceptedAt: string;
  readonly submission: object;
  readonly [id: string]: unknown;
}

/** A bare consumer storing each message under the key `keyOf` gives it. */
export const bareStoreHandler = (keyOf: (message: QueuedMessage) => { pk: string; sk: string }) => {
  const tableName = process.env.TABLE_NAME;
  const dynamodb = new DynamoDBClient({});
  return bareBatchHandler(async (record) => {
    const message = JSON.parse(record.body) as QueuedMessage;
    try {
      await dynamodb.send(
        new PutItemCommand({
          TableName: tableName,
          Item: marshall({ ...keyOf(message), acceptedAt: message.acceptedAt, ...message.submission }, { removeUndefinedValues: true }),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  });
};
