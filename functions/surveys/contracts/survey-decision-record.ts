/** Post-resolution surveys follow a resolved case; relationship surveys are periodic NPS campaigns. */
export type SurveyKind = 'post_resolution' | 'relationship';

/** Why a customer was not invited. A closed list, so reports and the operator's view can name each. */
export type InvitationSkipReason =
  | 'opted_out'
  | 'address_suppressed'
  | 'recently_surveyed'
  | 'case_already_invited'
  | 'case_excluded'
  // The mailer's reasons: the link expired before it could go out, the customer has no address on
  // record, or SES refused the message for good (the detail names SES's error).
  | 'link_expired'
  | 'no_contact'
  | 'send_failed';

/**
 * One line of a case's or customer's survey decision log, so an operator can answer "why did this
 * customer get no survey?". Written by the handler that acts on the decision; the core only
 * builds it. Times are ISO 8601 instants.
 */
export interface SurveyDecisionRecord {
  readonly event: 'scheduled' | 'skipped' | 'cancelled' | 'sent' | 'bounced' | 'reminded' | 'answered' | 'unsubscribed';
  readonly kind: SurveyKind;
  readonly customerId: string;
  readonly caseId?: string | undefined;
  readonly invitationId?: string | undefined;
  readonly reason?: InvitationSkipReason | undefined;
  /** Further detail for the operator, e.g. which exclusion matched or until when a throttle runs. */
  readonly detail?: string | undefined;
  /**
   * The resolution a skipped post-resolution survey is about. The line is keyed by it, so the same
   * resolution sent again (an integration retry) finds its line instead of adding one.
   */
  readonly resolvedAt?: string | undefined;
  readonly decidedAt: string;
}
