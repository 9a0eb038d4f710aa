import type { SurveyDecisionRecord } from '../contracts/survey-decision-record.ts';
import type { CaseContext, CustomerContact } from './case-resolution-items.ts';
import type { CustomerSurveyHistory, SurveyInvitation } from './customer-survey-history.ts';
import type { InvitationDecision } from './decide-invitation.ts';
import type { MailPurpose } from './decide-mailing.ts';

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

/** A bounce or complaint SES reported for one address. */
export interface AddressSuppression {
  readonly addressKey: string;
  readonly reason: 'bounced' | 'complained';
  /** When SES saw it (the event's own timestamp, so a redelivered event writes the same items). */
  readonly at: string;
  /** SES's bounce type and subtype, or complaint feedback type: no personal data. */
  readonly detail?: string | undefined;
}

/**
 * The survey invitations with what decides and records them: customers' survey history, contacts
 * and address suppressions, case pointers and contexts, and the decision log. One port for the
 * aggregate; each function's core takes only the operations it uses (the `Pick`s below), and each
 * function's adapter implements only those, so no bundle carries another function's writes.
 */
interface SurveyInvitationStore {
  loadCustomerHistory(customerId: string): Promise<CustomerSurveyHistory>;
  scheduleInvitation(decision: Extract<InvitationDecision, { kind: 'scheduled' }>): Promise<ScheduleOutcome>;
  recordSkip(caseId: string, record: SurveyDecisionRecord): Promise<void>;
  cancelForReopen(caseId: string, now: Date): Promise<CancelOutcome>;
  listDecisions(caseId: string): Promise<SurveyDecisionRecord[]>;
  /**
   * Writes the customer's contact and the case's context, each unless a later resolution already
   * refreshed it (support systems retry and may deliver out of order).
   */
  saveCaseResolution(contact: CustomerContact, context: CaseContext): Promise<void>;
  findDueInvitations(now: Date, limit: number, cursor?: string): Promise<DueInvitationsPage>;
  findDueReminders(now: Date, limit: number, cursor?: string): Promise<DueInvitationsPage>;
  /** Leases a queued invitation or reminder to its message: false when another run holds it or it left the index (the mailer came first). */
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

/** What the case routes (`/cases/resolved`, `/cases/reopened`, survey decisions) need. */
export type CaseIntakeStore = Pick<
  SurveyInvitationStore,
  'loadCustomerHistory' | 'scheduleInvitation' | 'recordSkip' | 'cancelForReopen' | 'listDecisions' | 'saveCaseResolution'
>;

/** What the dispatcher needs: what is due, and a lease so later runs do not queue a queued email again. */
export type SurveyDispatchStore = Pick<SurveyInvitationStore, 'findDueInvitations' | 'findDueReminders' | 'leaseForDispatch' | 'dropReminder'>;

/** What the mailer needs: read, claim, send once, record (or close unsent). */
export type SurveyMailStore = Pick<SurveyInvitationStore, 'loadMailingContext' | 'claimForSending' | 'releaseSendingClaim' | 'recordMailed' | 'closeUnsent'>;

/** What the delivery-events consumer needs. */
export type DeliveryEventStore = Pick<SurveyInvitationStore, 'getInvitation' | 'recordSuppression'>;
