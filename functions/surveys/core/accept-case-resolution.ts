import type { CaseResolved } from '../contracts/case-resolved.ts';
import type { SurveyPolicySettings } from '../contracts/survey-policy-settings.ts';
import { caseResolutionItems } from './case-resolution-items.ts';
import { decideInvitation, resolutionInstant } from './decide-invitation.ts';
import type { InvitationSkipReason } from '../contracts/survey-decision-record.ts';
import type { CaseIntakeStore } from './survey-invitation-store.ts';

/** What `POST /cases/resolved` answers: the scheduled invitation, or why there is none. */
export type CaseResolutionAnswer =
  | { readonly kind: 'scheduled'; readonly invitationId: string; readonly scheduledFor: string }
  | { readonly kind: 'skipped'; readonly reason: InvitationSkipReason };

/**
 * Takes a resolved case: refreshes the customer's contact and the case's context (in parallel with
 * reading the customer's survey history), decides with {@link decideInvitation}, and schedules the
 * invitation or records why not. A retry of the same resolution names the same invitation id and
 * gets the same answer. A refusal by the store (another invitation won the case, or an opt-out
 * landed between the read and the write) is recorded as a skip like any other.
 *
 * DynamoDB requests: 2 to read the history, 2 conditional puts (contact, context), 1 transaction
 * to schedule or 1 put to record the skip: 5 in all, 2 round trips deep.
 *
 * @example
 * ```ts
 * const answer = await acceptCaseResolution(caseResolved, { store, settings, now: new Date() });
 * if (answer.kind === 'scheduled') console.log(answer.invitationId, answer.scheduledFor);
 * ```
 */
export const acceptCaseResolution = async (
  caseResolved: CaseResolved,
  { store, settings, now }: { store: CaseIntakeStore; settings: SurveyPolicySettings; now: Date },
): Promise<CaseResolutionAnswer> => {
  const { contact, context } = caseResolutionItems(caseResolved);
  const [history] = await Promise.all([store.loadCustomerHistory(caseResolved.customer.id), store.saveCaseResolution(contact, context)]);
  const decision = decideInvitation(caseResolved, history, settings, now);
  if (decision.kind === 'skipped') {
    await store.recordSkip(caseResolved.caseId, decision.record);
    return { kind: 'skipped', reason: decision.reason };
  }
  const outcome = await store.scheduleInvitation(decision);
  if (outcome.kind === 'scheduled') {
    return { kind: 'scheduled', invitationId: outcome.invitation.invitationId, scheduledFor: outcome.invitation.scheduledFor };
  }
  await store.recordSkip(caseResolved.caseId, {
    ...decision.record,
    event: 'skipped',
    invitationId: undefined,
    reason: outcome.reason,
    detail: outcome.existingInvitationId,
    resolvedAt: resolutionInstant(caseResolved),
  });
  return { kind: 'skipped', reason: outcome.reason };
};
