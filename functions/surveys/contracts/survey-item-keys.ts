/*
 * Survey items in the single table (every key a string). Each survey adapter's header names the
 * access patterns it serves: dynamodb-case-intake-store.ts (the case routes),
 * dynamodb-campaign-store.ts (relationship campaigns), dynamodb-survey-dispatch-store.ts (the
 * dispatcher), dynamodb-survey-mail-store.ts (the mailer), dynamodb-delivery-event-store.ts (SES
 * bounces and complaints) and dynamodb-survey-answer-store.ts (the page, answers, unsubscribes).
 *
 * | item               | pk                  | sk                                           | gsi1pk                        | gsi1sk                     |
 * |--------------------|---------------------|----------------------------------------------|-------------------------------|----------------------------|
 * | customer history   | CUSTOMER#<id>       | HISTORY                                      |                               |                            |
 * | customer contact   | CUSTOMER#<id>       | CONTACT                                      | SEEN#<yyyy-mm of lastSeenAt>  | <customerId>               |
 * | invitation         | INVITATION#<id>     | INVITATION                                   | INVITATIONS_DUE (scheduled) or REMINDERS_DUE (sent, reminder pending) | <scheduledFor or remindAt>#<id> |
 * | response           | INVITATION#<id>     | RESPONSE                                     | RESPONSES#<yyyy-mm first answered> (the reports' export) | <firstAnsweredAt>#<id> |
 * | case pointer       | CASE#<caseId>       | INVITATION                                   | CUSTOMER#<customerId>         | CASE#<caseId>              |
 * | case context       | CASE#<caseId>       | CONTEXT                                      |                               |                            |
 * | decision           | CASE#<caseId> (relationship: CUSTOMER#<customerId>) | DECISION#<decidedAt or, skipped, resolvedAt>#<event>#<invitationId or reason> |  |                |
 * | address suppression| ADDRESS#<sha256 of the lower-cased address> | SUPPRESSION                          |                               |                            |
 * | escalation request | ESCALATION_REQUEST#<responseId> | ESCALATION_REQUEST               | ESCALATION_REQUESTS (until taken) | <requestedAt>#<responseId> |
 *
 * Relationship (campaign) invitations are invitation items with `campaignId` and no case pointer;
 * the customer history item carries `lastRelationshipScheduledFor`, so the 90-day throttle holds
 * for invitations scheduled but not yet sent, checked in the same transaction that stores one.
 *
 * An invitation is on one sparse gsi1 partition at a time: INVITATIONS_DUE until sent or cancelled,
 * REMINDERS_DUE from its send until reminded, answered, expired or closed; leaving one REMOVEs
 * gsi1pk/gsi1sk, so the due index never holds history. A confirmed answer sets the invitation
 * `answered` (its case pointer stays `sent`).
 */
import type { SurveyDecisionRecord } from './survey-decision-record.ts';

// In one place so no two survey adapters can ever address an item differently.

export const invitationKey = (invitationId: string) => ({ pk: `INVITATION#${invitationId}`, sk: 'INVITATION' });
/** An invitation's one response, beside it. */
export const responseKey = (invitationId: string) => ({ pk: `INVITATION#${invitationId}`, sk: 'RESPONSE' });
export const casePointerKey = (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'INVITATION' });
export const caseContextKey = (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'CONTEXT' });
export const historyKey = (customerId: string) => ({ pk: `CUSTOMER#${customerId}`, sk: 'HISTORY' });
export const contactKey = (customerId: string) => ({ pk: `CUSTOMER#${customerId}`, sk: 'CONTACT' });
export const addressSuppressionKey = (addressKey: string) => ({ pk: `ADDRESS#${addressKey}`, sk: 'SUPPRESSION' });
export const escalationRequestKey = (responseId: string) => ({ pk: `ESCALATION_REQUEST#${responseId}`, sk: 'ESCALATION_REQUEST' });

// A skipped resolution is keyed by the resolution rather than the time of the decision, so a
// retry of it lands on its line; listings order lines by `decidedAt`, not by key.
const decisionSortKey = (record: SurveyDecisionRecord) =>
  `DECISION#${record.event === 'skipped' && record.resolvedAt !== undefined ? record.resolvedAt : record.decidedAt}#${record.event}#${record.invitationId ?? record.reason ?? ''}`;

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
