import type { EscalationComplaint, EscalationSurveyAnswer } from '../contracts/supervisor-api.ts';
import type { StoredNotification } from '../contracts/stored-notification-items.ts';
import type { StoredEscalation } from './escalation-store.ts';

/**
 * What the supervisor API reads and writes about what an escalation is about (its complaint or
 * its survey answer), beside the escalation itself. The writes are opaque to the core: the
 * escalation store adds them to the resolve's own transaction.
 */
export interface EscalationSubjectStore {
  /** The complaint an escalation opened for a complaint is about (it has the complaint's id): only what a supervisor needs. */
  complaintOf(escalationId: string): Promise<EscalationComplaint | undefined>;
  /** The survey answer a low-score escalation is about (it has the response's id), as first confirmed. */
  surveyAnswerOf(escalationId: string): Promise<EscalationSurveyAnswer | undefined>;
  /** Whether a complaint with this id is stored. */
  hasComplaint(complaintId: string): Promise<boolean>;
  /**
   * The writes that queue the complainant's email and set the stored complaint `resolved` (never
   * creating one), with its TTL `expiresAt` (epoch seconds) from then on.
   */
  resolutionWrites(escalation: Omit<StoredEscalation, 'audit'>, notification: StoredNotification, expiresAt: number): readonly unknown[];
}
