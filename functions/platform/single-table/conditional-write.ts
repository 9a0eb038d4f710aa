import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';

/**
 * Awaits one conditional PutItem, UpdateItem or DeleteItem and tells a failed condition
 * (`ConditionalCheckFailedException`, an answer rather than a fault) from every other error,
 * which it rethrows.
 *
 * @example
 * ```ts
 * const outcome = await conditionalWrite(client.send(new PutItemCommand({ TableName, Item, ConditionExpression: 'attribute_not_exists(pk)' })));
 * if (outcome === 'condition_failed') return 'duplicate';
 * ```
 */
export const conditionalWrite = (write: Promise<unknown>): Promise<'written' | 'condition_failed'> =>
  write.then(
    () => 'written',
    (error: unknown) => {
      if (error instanceof ConditionalCheckFailedException) return 'condition_failed';
      throw error;
    },
  );
