import type { SurveyInvitation } from './customer-survey-history.ts';
import type { MailPurpose } from './decide-mailing.ts';
import type { SurveyDecisionRecord } from '../contracts/survey-decision-record.ts';

// Adapters may not import contracts (test/unit/import-arrows.test.ts): the schema reaches them here.

/** How to reach a customer, as the CONTACT item holds it. Personal data: never logged. */
interface SurveyContact {
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

/** The survey store as the mailer uses it: read, claim, send once, record (or close unsent). */
export interface SurveyMailStore {
  loadMailingContext(invitationId: string, customerId: string): Promise<StoredMailingContext>;
  /** Claims the invitation for one SES call: false when another delivery holds a live claim or its state moved on. */
  claimForSending(invitation: SurveyInvitation, purpose: MailPurpose, claimId: string, now: Date, until: string): Promise<boolean>;
  releaseSendingClaim(invitationId: string, claimId: string): Promise<void>;
  /** Marks the email sent (the reminder scheduled on the index at `remindAt`) and appends `record`. */
  recordMailed(invitation: SurveyInvitation, purpose: MailPurpose, record: SurveyDecisionRecord, remindAt?: string): Promise<void>;
  /** Closes an invitation (or its reminder) that will never be sent, and appends `record`. */
  closeUnsent(invitation: SurveyInvitation, purpose: MailPurpose, record: SurveyDecisionRecord): Promise<void>;
}
