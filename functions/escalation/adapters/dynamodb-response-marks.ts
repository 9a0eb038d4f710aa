import { ConditionalCheckFailedException, type DynamoDBClient, GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { clean } from '../../platform/single-table/clean-item.ts';
import { responseKey } from '../../surveys/contracts/survey-item-keys.ts';
import { ResponseNotFoundError, type ResponseMarkStore } from '../core/response-marks.ts';

/**
 * Survey answers' marks in the single table: a projected GetItem of the answer's team, and an
 * UpdateItem of the three mark attributes alone (the customer's answer, written whole by its
 * consumer, carries the mark over).
 *
 * @example
 * ```ts
 * const marks = dynamoDbResponseMarks(new DynamoDBClient({}), config.TABLE_NAME);
 * await markResponse(actor, invitationId, true, marks, new Date());
 * ```
 */
export const dynamoDbResponseMarks = (dynamodb: DynamoDBClient, tableName: string): ResponseMarkStore => ({
  findResponse: async (invitationId) => {
    const { Item } = await dynamodb.send(
      new GetItemCommand({ TableName: tableName, Key: clean(responseKey(invitationId)), ProjectionExpression: 'pk, reportedAs.team', ConsistentRead: true }),
    );
    if (Item === undefined) return undefined;
    const team = (unmarshall(Item) as { reportedAs?: { team?: unknown } }).reportedAs?.team;
    return { team: typeof team === 'string' && team !== '' ? team : undefined };
  },

  mark: async ({ invitationId, aboutProductNotAgent, markedBy, markedAt }) => {
    try {
      await dynamodb.send(
        new UpdateItemCommand({
          TableName: tableName,
          Key: clean(responseKey(invitationId)),
          UpdateExpression: 'SET aboutProductNotAgent = :mark, aboutProductMarkedBy = :by, aboutProductMarkedAt = :at',
          // Only a stored answer: an expired one is not brought back as a stub.
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: clean({ ':mark': aboutProductNotAgent, ':by': markedBy, ':at': markedAt }),
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException)
        throw new ResponseNotFoundError('response_not_found', 'No survey answer for this invitation.', { cause: error });
      throw error;
    }
  },
});
