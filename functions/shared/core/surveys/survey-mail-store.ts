import type { SurveyInvitation } from './customer-survey-history.ts';
import type { MailPurpose } from './decide-mailing.ts';
import type { DueInvitationsPage } from './survey-store.ts';
import type { SurveyDecisionRecord } from './survey-decision-record.ts';

// Adapters may not import contracts (test/unit/import-arrows.test.ts): the schema reaches them here.
export { storedCustomerContactSchema } from '../../contracts/stored-survey-items.ts';

/** How to reach a customer, as the CONTACT item holds it. Personal data: never logged. */
export interface SurveyContact {
  readonly email: string;
  readonly name?: string | undefined;
  readonly locale?: string | undefined;
}

/** Everything the mailer reads before deciding on one message. */
export interface StoredMailingContext {
  readonly invitation?: SurveyInvitation | undefined;
  readonly contact?: SurveyContact | undefined;
  readonly optedOut: boolean;
  readonly customerSuppression?: 'bounced' | 'complained' | undefined;
  readonly addressSuppression?: 'bounced' | 'complained' | undefined;
}

/** A bounce or complaint SES reported for one address. */
export interface AddressSuppression {
  readonly addressKey: string;
  readonly reason: 'bounced' | 'complained';
  /** When SES saw it (the event's own timestamp, so a redelivered event writes the same items). */
  readonly at: string;
  /** SES's bounce type and subtype, or complaint feedback type: no personal data. */
  readonly detail?: string | undefined;
}

/** The survey store as the dispatcher, the mailer and the delivery-events consumer use it. */
export interface SurveyMailStore {
  findDueInvitations(now: Date, limit: number, cursor?: string): Promise<DueInvitationsPage>;
  findDueReminders(now: Date, limit: number, cursor?: string): Promise<DueInvitationsPage>;
  /** Takes the dispatch lease of a due invitation or reminder: false when another run holds it or it left the index. */
  leaseForDispatch(invitationId: string, purpose: MailPurpose, now: Date, until: string): Promise<boolean>;
  /** Takes a reminder that will never be due (answered, reminded, cancelled, expired) off the reminders index. */
  dropReminder(invitationId: string): Promise<void>;
  loadMailingContext(invitationId: string, customerId: string): Promise<StoredMailingContext>;
  /** Claims the invitation for one SES call: false when another delivery holds a live claim or its state moved on. */
  claimForSending(invitation: SurveyInvitation, purpose: MailPurpose, claimId: string, now: Date, until: string): Promise<boolean>;
  releaseSendingClaim(invitationId: string, claimId: string): Promise<void>;
  /** Marks the email sent (the reminder scheduled on the index at `remindAt`) and appends `record`. */
  recordMailed(invitation: SurveyInvitation, purpose: MailPurpose, record: SurveyDecisionRecord, remindAt?: string): Promise<void>;
  /** Closes an invitation (or its reminder) that will never be sent, and appends `record`. */
  closeUnsent(invitation: SurveyInvitation, purpose: MailPurpose, record: SurveyDecisionRecord): Promise<void>;
  getInvitation(invitationId: string): Promise<SurveyInvitation | undefined>;
  /** Records a bounce or complaint on the address, on the customer's history and, given one, in the case's log. */
  recordSuppression(suppression: AddressSuppression, invitation?: SurveyInvitation, record?: SurveyDecisionRecord): Promise<void>;
}
