import type { SurveyPolicySettings } from '../contracts/survey-policy-settings.ts';
import type { SurveyMailDueMessage } from '../contracts/survey-mail-messages.ts';
import type { SurveyInvitation } from './customer-survey-history.ts';
import type { MailPurpose } from './decide-mailing.ts';
import { decideReminder } from './decide-reminder.ts';
import { DISPATCH_LEASE_MS, leaseUntil } from './plan-dispatch-run.ts';
import type { SurveyDispatchStore } from './survey-invitation-store.ts';

/** Where due emails are queued for the mailer: one SendMessageBatch per ten. */
interface MailDueQueue {
  /** Sends every message; answers how many SQS refused (their leases lapse and a later run queues them again). */
  sendBatch(messages: readonly SurveyMailDueMessage[]): Promise<{ readonly failed: number }>;
}

export interface DispatchDependencies {
  readonly store: SurveyDispatchStore;
  readonly queue: MailDueQueue;
  readonly settings: SurveyPolicySettings;
  /** The most emails one run queues: SES's rate times the interval between runs (`dispatchRunCap`). */
  readonly runCap: number;
}

/** What one run did, for its log line and metrics. */
export interface DispatchReport {
  readonly invitations: number;
  readonly reminders: number;
  /** Reminders taken off the index because they will never be due (answered, reminded, cancelled, expired). */
  readonly droppedReminders: number;
  /** Leases another run held, or items that left the index meanwhile. */
  readonly lostLeases: number;
  readonly refusedBySqs: number;
}

// Index pages and lease writes: enough in flight to queue a minute's emails in seconds, few
// enough that a backlog does not burst the table.
const PAGE_SIZE = 100;
const LEASES_IN_FLIGHT = 16;

/**
 * One dispatcher run: finds due invitations, then due reminders, on their sparse indexes (oldest
 * first, never a scan), takes each one's dispatch lease with a conditional write, and queues a
 * `survey.mail_due` message for each lease won, up to `runCap` emails. Two overlapping runs lease
 * disjoint sets; an item whose message is lost is queued again once its lease lapses. Reminders
 * that can never be due are dropped from their index on the way.
 *
 * @example
 * ```ts
 * const report = await dispatchDueEmails({ store, queue, settings, runCap: dispatchRunCap(14, 60) }, new Date());
 * ```
 */
export const dispatchDueEmails = async (deps: DispatchDependencies, now: Date): Promise<DispatchReport> => {
  const report = { invitations: 0, reminders: 0, droppedReminders: 0, lostLeases: 0, refusedBySqs: 0 };
  const until = leaseUntil(now, DISPATCH_LEASE_MS);
  const queuedAt = now.toISOString();
  // A first email outranks a reminder when the run's cap is short.
  for (const purpose of ['invitation', 'reminder'] as const) {
    const find = purpose === 'invitation' ? deps.store.findDueInvitations.bind(deps.store) : deps.store.findDueReminders.bind(deps.store);
    let cursor: string | undefined;
    do {
      const remaining = deps.runCap - report.invitations - report.reminders;
      if (remaining <= 0) return report;
      const page = await find(now, PAGE_SIZE, cursor);
      cursor = page.cursor;
      const candidates: SurveyInvitation[] = [];
      for (const invitation of page.invitations) {
        if (purpose === 'reminder' && !(await isReminderDue(invitation, deps, now, report))) continue;
        candidates.push(invitation);
      }
      const leased = await leaseEach(candidates.slice(0, remaining), purpose, deps, now, until);
      report.lostLeases += candidates.slice(0, remaining).length - leased.length;
      const messages = leased.map(
        (invitation): SurveyMailDueMessage => ({
          type: 'survey.mail_due',
          version: 1,
          invitationId: invitation.invitationId,
          customerId: invitation.customerId,
          purpose,
          queuedAt,
        }),
      );
      if (messages.length > 0) {
        const { failed } = await deps.queue.sendBatch(messages);
        report.refusedBySqs += failed;
        report[purpose === 'invitation' ? 'invitations' : 'reminders'] += messages.length - failed;
      }
    } while (cursor !== undefined);
  }
  return report;
};

const isReminderDue = async (invitation: SurveyInvitation, deps: DispatchDependencies, now: Date, report: { droppedReminders: number }): Promise<boolean> => {
  const decision = decideReminder(invitation, now, deps.settings);
  if (decision.kind === 'due') return true;
  // `not_yet_due` happens only when the policy's reminder delay grew since the send: keep waiting.
  if (decision.reason !== 'not_yet_due') {
    await deps.store.dropReminder(invitation.invitationId);
    report.droppedReminders++;
  }
  return false;
};

const leaseEach = async (candidates: readonly SurveyInvitation[], purpose: MailPurpose, deps: DispatchDependencies, now: Date, until: string) => {
  const leased: SurveyInvitation[] = [];
  for (let start = 0; start < candidates.length; start += LEASES_IN_FLIGHT) {
    const slice = candidates.slice(start, start + LEASES_IN_FLIGHT);
    const won = await Promise.all(slice.map((invitation) => deps.store.leaseForDispatch(invitation.invitationId, purpose, now, until)));
    leased.push(...slice.filter((_, index) => won[index]));
  }
  return leased;
};
