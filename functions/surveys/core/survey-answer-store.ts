import type { SurveyInvitation } from './customer-survey-history.ts';
import type { EscalationRequest } from './escalation-request.ts';
import type { SurveyResponse } from './record-survey-answer.ts';
import type { SurveyDecisionRecord } from '../contracts/survey-decision-record.ts';

// Adapters may not import contracts (test/unit/import-arrows.test.ts), so the stored-item schemas
// reach them through the port that needs them.

/**
 * What storing a response did: `saved`; `superseded` when a later answer is already stored (a
 * redelivered older message), or, for a first confirmation (one with a decision), any confirmed
 * answer is; `closed` when the invitation was cancelled meanwhile.
 */
export type SaveResponseOutcome = 'saved' | 'superseded' | 'closed';

/** Where the survey pages read invitations and write answers and opt-outs. */
export interface SurveyAnswerStore {
  loadInvitation(invitationId: string): Promise<SurveyInvitation | undefined>;
  /** The language the support system gave for the customer (`CUSTOMER#<id>` / `CONTACT`), if any. */
  loadCustomerLocale(customerId: string): Promise<string | undefined>;
  loadResponse(invitationId: string): Promise<SurveyResponse | undefined>;
  /**
   * Stores the response and, for a confirmed one, the invitation's `answered` state and the
   * decision, all or nothing; then the escalation request, once per response.
   */
  saveResponse(
    response: SurveyResponse,
    effects: { readonly invitation: SurveyInvitation; readonly record?: SurveyDecisionRecord | undefined; readonly escalation?: EscalationRequest | undefined },
  ): Promise<SaveResponseOutcome>;
  /** Sets the customer's opt-out and records the decision; `already_opted_out` records nothing. */
  optOut(record: SurveyDecisionRecord): Promise<'opted_out' | 'already_opted_out'>;
}
