import type { CaseIntakeStore } from './survey-invitation-store.ts';

/** What `POST /cases/reopened` answers: what became of the case's invitation. */
export interface CaseReopenedAnswer {
  readonly caseId: string;
  /**
   * `cancelled`: it was not yet sent and never will be (the next resolution schedules afresh);
   * `kept`: it was already sent, answered or cancelled; `none`: the case has no invitation.
   */
  readonly invitation: 'cancelled' | 'kept' | 'none';
}

/**
 * Takes a reopened case: cancels its invitation if not yet sent. The cancellation is written to
 * the case's decision log in the same transaction; `kept` and `none` change nothing, so they
 * leave the log as it is.
 *
 * @example
 * ```ts
 * await reopenCase('CASE-42', { store, now: new Date() }); // { caseId: 'CASE-42', invitation: 'cancelled' }
 * ```
 */
export const reopenCase = async (caseId: string, { store, now }: { store: CaseIntakeStore; now: Date }): Promise<CaseReopenedAnswer> => {
  const outcome = await store.cancelForReopen(caseId, now);
  return { caseId, invitation: outcome.kind };
};
