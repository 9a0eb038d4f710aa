import { createHash } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbCustomerErasure } from '../../functions/erasure/adapters/dynamodb-customer-erasure.ts';
import { erasureRecordOf } from '../../functions/erasure/core/erasure-record.ts';
import { erasureSubjectOf } from '../../functions/erasure/core/erasure-subject.ts';
import { type CustomerErasurePlan, planCustomerErasure } from '../../functions/erasure/core/plan-customer-erasure.ts';

/** What `erase-customer` did: nothing found, or the plan it applied (and recorded, when it changed anything). */
export type CustomerErasureOutcome =
  | { readonly kind: 'not_a_customer' }
  | { readonly kind: 'unknown_customer' }
  /** Nothing found, but an earlier erasure of the same id or address is recorded: nothing of theirs is left. */
  | { readonly kind: 'erased_before'; readonly erasedAt: string }
  | { readonly kind: 'erased'; readonly customers: number; readonly plan: CustomerErasurePlan };

/**
 * Erases a customer (by id or email) from the table: finds every item of theirs, applies the
 * core's plan (conditional, idempotent updates), then records the erasure. An operand that is
 * neither an id nor an address, or one that matches nothing, is an outcome the caller reports.
 *
 * @example
 * ```ts
 * const outcome = await eraseCustomer(client, 'SupportFeedbackPipeline-Table…', 'aiko@example.com', new Date());
 * ```
 */
export async function eraseCustomer(client: DynamoDBClient, tableName: string, operand: string | undefined, now: Date): Promise<CustomerErasureOutcome> {
  const subject = erasureSubjectOf(operand);
  if (subject === undefined) return { kind: 'not_a_customer' };
  const erasure = new DynamoDbCustomerErasure(client, tableName);
  const subjectHash = createHash('sha256')
    .update(subject.kind === 'id' ? `id:${subject.id}` : `email:${subject.email}`)
    .digest('hex');
  const found = await erasure.findCustomer(subject);
  if (found.items.length === 0) {
    const erasedAt = await erasure.lastErasedAt(subjectHash);
    return erasedAt === undefined ? { kind: 'unknown_customer' } : { kind: 'erased_before', erasedAt };
  }
  const plan = planCustomerErasure(found.items);
  await erasure.applyErasure(plan.updates, now);
  if (plan.updates.length > 0) {
    await erasure.recordErasure(erasureRecordOf(subjectHash, found.customerIds.length, plan, now));
  }
  return { kind: 'erased', customers: found.customerIds.length, plan };
}

/**
 * The summary `erase-customer` prints: per item kind, how many were looked at and changed. It
 * names no one: the operand is not echoed.
 *
 * @example
 * ```ts
 * erasureSummary(1, plan); // 'Erased 5 items of 1 customer id (changed of found: complaint 1 of 1, response 1 of 1, …); …'
 * ```
 */
export const erasureSummary = (customers: number, plan: CustomerErasurePlan): string => {
  const kinds = Object.entries(plan.checked)
    .map(
      ([kind, checked]) =>
        `${kind.replaceAll('_', ' ')} ${Object.hasOwn(plan.changed, kind) ? plan.changed[kind as keyof typeof plan.changed] : 0} of ${checked}`,
    )
    .join(', ');
  const customerText = `${customers} customer id${customers === 1 ? '' : 's'}`;
  return plan.updates.length === 0
    ? `Nothing left to erase for ${customerText}: ${kinds} already hold no email, name or comment.`
    : `Erased ${plan.updates.length} items of ${customerText} (changed of found: ${kinds}); the erasure is recorded under ERASURE#<sha-256 of the id or address>.`;
};
