import { storedCaseContextSchema } from '../../surveys/contracts/stored-case-context.ts';
import type { ComplaintCaseContext } from '../core/plan-complaint-escalation.ts';

/**
 * What `POST /cases/resolved` stored about a case (`CASE#<caseId>`/`CONTEXT`), as the escalation
 * rules read it, or undefined when there is none. An item that does not parse is left out too: the
 * case only enriches a decision, and a complaint or a low score is escalated without it.
 *
 * @example
 * ```ts
 * const caseContext = caseContextOf(find(caseContextKey(caseId)));
 * ```
 */
export const caseContextOf = (item: Record<string, unknown> | undefined): ComplaintCaseContext | undefined => {
  const parsed = item === undefined ? undefined : storedCaseContextSchema.safeParse(item).data;
  if (parsed === undefined) return undefined;
  const { customerId, tier, locale, region, product, team, agentId } = parsed;
  return { customerId, tier, locale, region, product, team, agentId };
};
