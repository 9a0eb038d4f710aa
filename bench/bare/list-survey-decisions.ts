// The yardstick for functions/surveys/list-survey-decisions: per request a Query of the case's decision
// lines, page after page, as DynamoDbCaseIntakeStore's listDecisions; items through
// @aws-sdk/util-dynamodb. No validation, no logging.
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

const tableName = process.env.TABLE_NAME;
const dynamodb = new DynamoDBClient({});

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const caseId = event.pathParameters?.caseId ?? '';
  const decisions: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, never> | undefined;
  do {
    const page = await dynamodb.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :case AND begins_with(sk, :decision)',
        ExpressionAttributeValues: marshall({ ':case': `CASE#${caseId}`, ':decision': 'DECISION#' }),
        ExclusiveStartKey,
      }),
    );
    decisions.push(...(page.Items ?? []).map((item) => unmarshall(item)));
    ExclusiveStartKey = page.LastEvaluatedKey as Record<string, never> | undefined;
  } while (ExclusiveStartKey);
  return { statusCode: 200, body: JSON.stringify({ caseId, decisions }) };
};
