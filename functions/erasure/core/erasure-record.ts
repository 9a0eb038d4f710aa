import type { CustomerErasurePlan } from './plan-customer-erasure.ts';

/**
 * What an erasure leaves behind (`ERASURE#<subjectHash>` / `ERASURE#<erasedAt>`, kept with no
 * TTL): when, for how many customer ids, and how many items of each kind were looked at and
 * changed. No personal data: the subject only as a SHA-256, so a repeated request can be matched.
 */
export interface ErasureRecord {
  readonly subjectHash: string;
  readonly erasedAt: string;
  readonly customers: number;
  readonly checked: CustomerErasurePlan['checked'];
  readonly changed: CustomerErasurePlan['changed'];
}

/**
 * The record of one erasure.
 *
 * @example
 * ```ts
 * erasureRecordOf('9f86…', 1, plan, now); // { subjectHash: '9f86…', erasedAt: now.toISOString(), customers: 1, checked, changed }
 * ```
 */
export const erasureRecordOf = (subjectHash: string, customers: number, plan: CustomerErasurePlan, now: Date): ErasureRecord => ({
  subjectHash,
  erasedAt: now.toISOString(),
  customers,
  checked: plan.checked,
  changed: plan.changed,
});
