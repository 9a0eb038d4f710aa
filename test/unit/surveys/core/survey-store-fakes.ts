import type { CampaignStore, RelationshipInvitation, RelationshipScheduleOutcome } from '../../../../functions/surveys/core/campaign-store.ts';
import type { CaseContext, CustomerContact } from '../../../../functions/surveys/core/case-resolution-items.ts';
import type { CustomerSurveyHistory } from '../../../../functions/surveys/core/customer-survey-history.ts';
import type { CancelOutcome, ScheduleOutcome } from '../../../../functions/surveys/core/survey-invitation-store.ts';
import type { SurveyDecisionRecord } from '../../../../functions/surveys/contracts/survey-decision-record.ts';
import { history } from './survey-fixtures.ts';
import type { CaseIntakeStore } from '../../../../functions/surveys/core/survey-invitation-store.ts';

/** A case intake store that answers as told and remembers what it was asked to write. */
export const fakeCaseIntakeStore = (answers: { history?: CustomerSurveyHistory; schedule?: ScheduleOutcome; cancel?: CancelOutcome } = {}) => {
  const written = {
    contacts: [] as CustomerContact[],
    contexts: [] as CaseContext[],
    skips: [] as { caseId: string; record: SurveyDecisionRecord }[],
    scheduled: [] as string[],
  };
  const store: CaseIntakeStore = {
    loadCustomerHistory: async () => answers.history ?? history(),
    saveCaseResolution: async (contact, context) => {
      written.contacts.push(contact);
      written.contexts.push(context);
    },
    scheduleInvitation: async (decision) => {
      written.scheduled.push(decision.invitationId);
      return answers.schedule ?? { kind: 'scheduled', invitation: decision.invitation };
    },
    recordSkip: async (caseId, record) => {
      written.skips.push({ caseId, record });
    },
    cancelForReopen: async () => answers.cancel ?? { kind: 'none' },
    listDecisions: async () => [],
  };
  return { store, written };
};

/** A campaign store over customers seen by month, refusing the customers named in `refuse`. */
export const fakeCampaignStore = (seen: Record<string, string[]>, refuse: Record<string, RelationshipScheduleOutcome & { kind: 'refused' }> = {}) => {
  const invitations = new Map<string, RelationshipInvitation>();
  const decisions: SurveyDecisionRecord[] = [];
  const throttles: string[] = [];
  const store: CampaignStore = {
    listCustomersSeen: async (month) => seen[month] ?? [],
    scheduleRelationshipInvitation: async (invitation, record, throttleFrom) => {
      throttles.push(throttleFrom);
      const refusal = refuse[invitation.customerId];
      if (refusal) return refusal;
      const stored = invitations.get(invitation.invitationId) ?? invitation;
      if (!invitations.has(invitation.invitationId)) decisions.push(record);
      invitations.set(invitation.invitationId, stored);
      return { kind: 'scheduled', invitation: stored };
    },
    recordCustomerDecision: async (record) => {
      decisions.push(record);
    },
  };
  return { store, invitations, decisions, throttles };
};
