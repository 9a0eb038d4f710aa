import type { SurveyInvitation } from './customer-survey-history.ts';
import type { CampaignSkipReason } from './sample-campaign.ts';
import type { SurveyDecisionRecord } from '../contracts/survey-decision-record.ts';

/** A relationship invitation of one campaign, as the chunk consumer stores it. */
export interface RelationshipInvitation extends SurveyInvitation {
  readonly kind: 'relationship';
  readonly campaignId: string;
}

/** What scheduling a relationship invitation answered: stored (or stored before, on redelivery), or refused and why. */
export type RelationshipScheduleOutcome =
  | { readonly kind: 'scheduled'; readonly invitation: SurveyInvitation }
  | { readonly kind: 'refused'; readonly reason: CampaignSkipReason };

/** What relationship campaigns need of the survey store. */
export interface CampaignStore {
  /** The ids of the customers last seen in `month` (`yyyy-mm`), from the gsi1 `SEEN#<month>` partition. */
  listCustomersSeen(month: string): Promise<string[]>;
  /**
   * Stores the invitation once (by its id), unless the customer opted out, their address is
   * suppressed, or they were surveyed or have a relationship survey scheduled after `throttleFrom`.
   */
  scheduleRelationshipInvitation(invitation: RelationshipInvitation, record: SurveyDecisionRecord, throttleFrom: string): Promise<RelationshipScheduleOutcome>;
  /** Appends a line to the customer's decision log (relationship surveys have no case). */
  recordCustomerDecision(record: SurveyDecisionRecord): Promise<void>;
}

/** Where chunk messages go: the campaign queue. */
export interface CampaignChunkQueue<Message> {
  /** Sends every message, in SendMessageBatch calls of at most 10; throws if any is refused. */
  sendAll(messages: readonly Message[]): Promise<{ readonly batches: number }>;
}
