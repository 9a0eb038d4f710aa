// The yardstick for functions/reports/reports-api: per request one Query of each counter shard of
// one period (the overall counter of the `from` day), summed, and nothing else: no token check, no
// validation, no trend, no figures. Items go through @aws-sdk/util-dynamodb, as the real adapter's do.
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

const tableName = process.env.REPORTS_TABLE_NAME;
const dynamodb = new DynamoDBClient({});

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const day = event.queryStringParameters?.from ?? '';
  const pages = await Promise.all(
    [0, 1, 2, 3].map((shard) =>
      dynamodb.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: marshall({ ':pk': `COUNTER#day#${day}#all#${shard}` }),
        }),
      ),
    ),
  );
  const sum: Record<string, number> = {};
  for (const item of pages.flatMap((page) => page.Items ?? []).map((raw) => unmarshall(raw)))
    for (const [field, amount] of Object.entries(item)) if (typeof amount === 'number') sum[field] = (sum[field] ?? 0) + amount;
  return { statusCode: 200, body: JSON.stringify(sum) };
};
