// The yardstick for functions/reports/aggregate-feedback: per batch one TransactWriteItems of a
// conditional marker per record and one ADD per record (an overall day counter), built with
// @aws-sdk/util-dynamodb as the real adapter does. No periods or dimensions, no planning of
// transactions, no retries, no Powertools, no middy.
import { DynamoDBClient, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';

const tableName = process.env.REPORTS_TABLE_NAME;
const dynamodb = new DynamoDBClient({});

export const handler = async (event: DynamoDBStreamEvent) => {
  const records = event.Records.slice(0, 50);
  if (records.length === 0) return { batchItemFailures: [] };
  await dynamodb.send(
    new TransactWriteItemsCommand({
      TransactItems: [
        ...records.map((record) => ({
          Put: { TableName: tableName, Item: marshall({ pk: `COUNTED#${record.eventID}`, sk: 'COUNTED' }), ConditionExpression: 'attribute_not_exists(pk)' },
        })),
        {
          Update: {
            TableName: tableName,
            Key: marshall({ pk: 'COUNTER#day', sk: 'all' }),
            UpdateExpression: 'ADD responses :n',
            ExpressionAttributeValues: marshall({ ':n': records.length }),
          },
        },
      ],
    }),
  );
  return { batchItemFailures: [] };
};
