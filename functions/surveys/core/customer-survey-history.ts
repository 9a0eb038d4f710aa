import type { ReportedAs } from '../contracts/reported-as.ts';
import type { SurveyKind } from '../contracts/survey-decision-record.ts';

/**
 * Where an invitation stands. `answered` means a confirmed answer: a one-click score that mail
 * scanners may have made is provisional and leaves the invitation `sent`.
 */
type InvitationState = 'scheduled' | 'cancelled' | 'sent' | 'answered';

/** One survey invitation, as the policy needs to see it. Times are ISO 8601 instants. */
export interface SurveyInvitation {
  readonly invitationId: string;
  readonly kind: SurveyKind;
  readonly customerId: string;
  /** Post-resolution invitations only. */
  readonly caseId?: string | undefined;
  readonly state: InvitationState;
  readonly scheduledFor: string;
  /** When the survey link stops working. */
  readonly expiresAt: string;
  /**
   * When the invitation and its response are deleted, in epoch seconds (the table's TTL): the
   * link's expiry plus the policy's `retentionDays`. Absent on invitations scheduled before
   * retention existed, which are kept.
   */
  readonly retainUntil?: number | undefined;
  readonly sentAt?: string | undefined;
  readonly remindedAt?: string | undefined;
  readonly cancelledAt?: string | undefined;
  /** What its answer is reported under: the case's team, product, agent and the customer's region, language and tier. */
  readonly reportedAs?: ReportedAs | undefined;
}

/**
 * What the policy knows of one customer: consent, deliverability and past surveys. Plain data an
 * adapter reads from the table; the core never reads it itself.
 */
export interface CustomerSurveyHistory {
  /** The customer unsubscribed: no survey of any kind, ever again. */
  readonly optedOut: boolean;
  /** SES reported a bounce or complaint for the address, which is not mailed again. */
  readonly suppression?: 'bounced' | 'complained' | undefined;
  readonly lastPostResolutionSurveyAt?: string | undefined;
  readonly lastRelationshipSurveyAt?: string | undefined;
  /** Post-resolution invitations by case id: one case, one invitation (the latest). */
  readonly invitationsByCaseId: Readonly<Record<string, SurveyInvitation>>;
  /** Relationship invitations not yet sent, so a second campaign does not double-book the customer. */
  readonly pendingRelationshipInvitations?: readonly SurveyInvitation[] | undefined;
}

/** The history of a customer never surveyed. */
export const EMPTY_SURVEY_HISTORY: CustomerSurveyHistory = { optedOut: false, invitationsByCaseId: {} };

/**
 * The end of an invitation's retention, in epoch seconds: `retentionDays` after its link expires.
 *
 * @example
 * ```ts
 * retainUntilOf('2026-12-18T10:00:00.000Z', 730); // 1860746400
 * ```
 */
export const retainUntilOf = (linkExpiresAt: string, retentionDays: number): number => Math.floor(Date.parse(linkExpiresAt) / 1000) + retentionDays * 86_400;
