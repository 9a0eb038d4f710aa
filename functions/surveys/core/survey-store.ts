import type { CustomerSurveyHistory, SurveyInvitation } from './customer-survey-history.ts';
import type { InvitationDecision } from './decide-invitation.ts';
import type { SurveyDecisionRecord } from '../contracts/survey-decision-record.ts';

// Adapters may not import contracts (test/unit/import-arrows.test.ts), so the stored-item schemas
// reach them through the port that needs them.

/** What scheduling answered: the stored invitation (the first one, on a retry), or why not. */
export type ScheduleOutcome =
  | { readonly kind: 'scheduled'; readonly invitation: SurveyInvitation }
  | { readonly kind: 'refused'; readonly reason: 'case_already_invited' | 'opted_out'; readonly existingInvitationId?: string | undefined };

/** What a reopen did: cancelled the scheduled invitation, kept one further along, or found none. */
export type CancelOutcome = { readonly kind: 'cancelled' | 'kept' | 'none'; readonly invitation?: SurveyInvitation | undefined };

/** One page of due invitations, oldest `scheduledFor` first; `cursor` is absent on the last page. */
export interface DueInvitationsPage {
  readonly invitations: readonly SurveyInvitation[];
  readonly cursor?: string | undefined;
}

/** Where survey invitations, customers' survey history and the decision log live, as the case intake reaches them (CaseIntakeStore); the dispatcher and the mailer have their own ports. */
export interface SurveyStore {
  loadCustomerHistory(customerId: string): Promise<CustomerSurveyHistory>;
  scheduleInvitation(decision: Extract<InvitationDecision, { kind: 'scheduled' }>): Promise<ScheduleOutcome>;
  recordSkip(caseId: string, record: SurveyDecisionRecord): Promise<void>;
  cancelForReopen(caseId: string, now: Date): Promise<CancelOutcome>;
  listDecisions(caseId: string): Promise<SurveyDecisionRecord[]>;
}
