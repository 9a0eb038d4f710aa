import type { SurveyDecisionRecord } from '../core/surveys/survey-decision-record.ts';

// The keys of the survey items both survey adapters write (dynamodb-survey-store.ts and
// dynamodb-survey-answer-store.ts), in one place so the two can never address an item differently.

export const invitationKey = (invitationId: string) => ({ pk: `INVITATION#${invitationId}`, sk: 'INVITATION' });
export const casePointerKey = (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'INVITATION' });
export const historyKey = (customerId: string) => ({ pk: `CUSTOMER#${customerId}`, sk: 'HISTORY' });

const decisionSortKey = (record: SurveyDecisionRecord) => `DECISION#${record.decidedAt}#${record.event}#${record.invitationId ?? record.reason ?? ''}`;

/**
 * A decision's keys: on its case's log, or, for a relationship survey (no case), on its customer's.
 *
 * @example
 * ```ts
 * decisionKey({ event: 'sent', kind: 'post_resolution', customerId: 'c-1', caseId: 'CASE-1', invitationId: 'i-1', decidedAt });
 * // { pk: 'CASE#CASE-1', sk: 'DECISION#<decidedAt>#sent#i-1' }
 * ```
 */
export const decisionKey = (record: SurveyDecisionRecord, caseId: string | undefined = record.caseId) => ({
  pk: caseId === undefined ? `CUSTOMER#${record.customerId}` : `CASE#${caseId}`,
  sk: decisionSortKey(record),
});

/** A campaign decision's keys, always on the customer's log. */
export const customerDecisionKey = (record: SurveyDecisionRecord) => ({ pk: `CUSTOMER#${record.customerId}`, sk: decisionSortKey(record) });
