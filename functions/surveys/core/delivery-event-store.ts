import type { SurveyInvitation } from './customer-survey-history.ts';
import type { SurveyDecisionRecord } from '../contracts/survey-decision-record.ts';

/** A bounce or complaint SES reported for one address. */
export interface AddressSuppression {
  readonly addressKey: string;
  readonly reason: 'bounced' | 'complained';
  /** When SES saw it (the event's own timestamp, so a redelivered event writes the same items). */
  readonly at: string;
  /** SES's bounce type and subtype, or complaint feedback type: no personal data. */
  readonly detail?: string | undefined;
}

/** The survey store as the delivery-events consumer uses it. */
export interface DeliveryEventStore {
  getInvitation(invitationId: string): Promise<SurveyInvitation | undefined>;
  /** Records a bounce or complaint on the address, on the customer's history and, given one, in the case's log. */
  recordSuppression(suppression: AddressSuppression, invitation?: SurveyInvitation, record?: SurveyDecisionRecord): Promise<void>;
}
