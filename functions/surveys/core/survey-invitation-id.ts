import { recordIdFor } from '../../platform/record-id.ts';

/**
 * The id of the post-resolution invitation for one resolution of a case, derived rather than
 * random so the support system's retry of the same `POST /cases/resolved` names the same
 * invitation (and one conditional write stores it once). A resolution after a reopen names the
 * invitation it replaces, so it gets a fresh id even if the support system reuses the timestamp.
 *
 * @example
 * ```ts
 * postResolutionInvitationId('CASE-42', new Date('2026-11-25T10:30:00Z')); // same input, same UUID
 * ```
 */
export const postResolutionInvitationId = (caseId: string, resolvedAt: Date, replacedInvitationId?: string): string =>
  recordIdFor('survey-invitation/post-resolution', caseId, `${resolvedAt.toISOString()}\n${replacedInvitationId ?? ''}`);

/**
 * The id of a customer's invitation in one relationship campaign: a campaign run twice (a retried
 * schedule) invites each customer once.
 *
 * @example
 * ```ts
 * relationshipInvitationId('nps-2026-q4', 'cust-17');
 * ```
 */
export const relationshipInvitationId = (campaignId: string, customerId: string): string =>
  recordIdFor('survey-invitation/relationship', campaignId, customerId);
