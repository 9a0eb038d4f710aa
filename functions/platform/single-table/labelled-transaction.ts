import {
  TransactionCanceledException,
  TransactWriteItemsCommand,
  type DynamoDBClient,
  type TransactWriteItem,
  type TransactWriteItemsCommandInput,
} from '@aws-sdk/client-dynamodb';

/** One item of a transaction, under the name its caller knows it by (several items may share one). */
export interface LabelledItem<Label extends string> {
  readonly label: Label;
  readonly item: TransactWriteItem;
}

/** A transaction DynamoDB cancelled, told by the labels of the items that caused it. */
interface CancelledTransaction<Label extends string> {
  readonly committed: false;
  /** The items whose ConditionExpression failed (`ConditionalCheckFailed`), in item order. */
  readonly failedConditions: readonly Label[];
  /** The items another write was changing at the same time (`TransactionConflict`): a retry may commit. */
  readonly conflicts: readonly Label[];
  /** The cancellation itself, to rethrow when no label explains it (throttling, capacity, validation). */
  readonly error: TransactionCanceledException;
}

export type TransactionOutcome<Label extends string> = { readonly committed: true } | CancelledTransaction<Label>;

/**
 * Writes `items` in one TransactWriteItems and, when DynamoDB cancels it, says which items'
 * conditions failed. `CancellationReasons` lists one reason per item in the order sent (`None`
 * for the items that did not cause it), so each reason maps back to its item's label. Every other
 * error (and a cancellation the caller cannot explain, via `error`) is the caller's to throw.
 *
 * @example
 * ```ts
 * const outcome = await writeLabelledTransaction(client, [
 *   { label: 'response', item: { Put: { TableName, Item, ConditionExpression: 'attribute_not_exists(pk)' } } },
 *   { label: 'invitation', item: { Update: { TableName, Key, UpdateExpression, ConditionExpression: 'attribute_exists(pk)' } } },
 * ]);
 * if (!outcome.committed) {
 *   if (outcome.failedConditions.includes('response')) return 'superseded';
 *   throw outcome.error;
 * }
 * ```
 */
export async function writeLabelledTransaction<Label extends string>(
  client: DynamoDBClient,
  items: readonly LabelledItem<Label>[],
  input: Omit<TransactWriteItemsCommandInput, 'TransactItems'> = {},
): Promise<TransactionOutcome<Label>> {
  try {
    await client.send(new TransactWriteItemsCommand({ ...input, TransactItems: items.map(({ item }) => item) }));
    return { committed: true };
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const labelsWith = (code: string) => items.filter((_, index) => error.CancellationReasons?.[index]?.Code === code).map(({ label }) => label);
    return { committed: false, failedConditions: labelsWith('ConditionalCheckFailed'), conflicts: labelsWith('TransactionConflict'), error };
  }
}
