import type { MailPurpose } from './decide-mailing.ts';
import type { DueInvitationsPage } from './survey-store.ts';

/** The survey store as the dispatcher uses it: what is due, and a lease so two runs never queue one email twice. */
export interface SurveyDispatchStore {
  findDueInvitations(now: Date, limit: number, cursor?: string): Promise<DueInvitationsPage>;
  findDueReminders(now: Date, limit: number, cursor?: string): Promise<DueInvitationsPage>;
  /** Takes the dispatch lease of a due invitation or reminder: false when another run holds it or it left the index. */
  leaseForDispatch(invitationId: string, purpose: MailPurpose, now: Date, until: string): Promise<boolean>;
  /** Takes a reminder that will never be due (answered, reminded, cancelled, expired) off the reminders index. */
  dropReminder(invitationId: string): Promise<void>;
}
