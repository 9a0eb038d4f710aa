import type { CaseResolved } from '../contracts/case-resolved.ts';
import type { storedCaseContextSchema } from '../contracts/stored-case-context.ts';
import type { storedCustomerContactSchema } from '../contracts/stored-customer-contact.ts';
import type * as z from 'zod/mini';

/** How to reach a customer, as the latest resolved case reported it (`CUSTOMER#<id>` / `CONTACT`). */
export type CustomerContact = z.infer<typeof storedCustomerContactSchema>;
/** What the support system said about a case (`CASE#<caseId>` / `CONTEXT`). */
export type CaseContext = z.infer<typeof storedCaseContextSchema>;

/**
 * The two items every resolution writes or refreshes: the customer's contact (read by the mailer
 * and by relationship campaigns, which find customers by the month they were last seen) and the
 * case's context (read by the complaint consumer, so a complaint naming the case inherits its tier,
 * team and agent). Times are normalised to UTC, so stored instants compare as text.
 *
 * @example
 * ```ts
 * const { contact, context } = caseResolutionItems(caseResolved);
 * ```
 */
export const caseResolutionItems = (caseResolved: CaseResolved): { contact: CustomerContact; context: CaseContext } => {
  const { customer } = caseResolved;
  const resolvedAt = new Date(caseResolved.resolvedAt).toISOString();
  return {
    contact: {
      customerId: customer.id,
      email: customer.email,
      name: customer.name,
      locale: customer.locale,
      tier: customer.tier,
      region: customer.region,
      lastSeenAt: resolvedAt,
    },
    context: {
      caseId: caseResolved.caseId,
      customerId: customer.id,
      tier: customer.tier,
      locale: customer.locale,
      region: customer.region,
      product: caseResolved.product,
      team: caseResolved.team,
      agentId: caseResolved.agentId,
      channel: caseResolved.channel,
      resolvedAt,
    },
  };
};
