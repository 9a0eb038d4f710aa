import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';

/**
 * An item (or a key, or expression values) in DynamoDB's attribute form, leaving out the fields
 * that are `undefined`: optional fields of the domain types are absent, never `NULL`, in the table.
 *
 * @example
 * ```ts
 * new PutItemCommand({ TableName: tableName, Item: clean({ pk, sk, note: undefined }) }); // no `note` attribute
 * ```
 */
export const clean = (item: object): Record<string, AttributeValue> => marshall(item, { removeUndefinedValues: true });
