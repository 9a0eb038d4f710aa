import type { SurveyPolicySettings } from '../contracts/survey-policy-settings.ts';
import type { SurveyMailDueMessage } from '../contracts/survey-mail-messages.ts';
import type { SurveyInvitation } from './customer-survey-history.ts';
import { decideReminder } from './decide-reminder.ts';
import { DISPATCH_LEASE_MS, leaseUntil } from './plan-dispatch-run.ts';
import type { SurveyDispatchStore } from './survey-invitation-store.ts';

/** Where due emails are queued for the mailer: one SendMessageBatch per ten. */
interface MailDueQueue {
  /** Sends every message; answers those SQS refused (left unleased, so the next run queues them again). */
  sendBatch(messages: readonly SurveyMailDueMessage[]): Promise<{ readonly refused: readonly SurveyMailDueMessage[] }>;
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
  /**
   * Queued, but the lease was taken: the mailer already handled the message, or an overlapping run
   * (a retry beside the next run) queued the same email too, which the mailer's claim sends once.
   */
  readonly leaseRaces: number;
  readonly refusedBySqs: number;
}

// Index pages and lease writes: enough in flight to queue a minute's emails in seconds, few
// enough that a backlog does not burst the table.
const PAGE_SIZE = 100;
const LEASES_IN_FLIGHT = 16;

/**
 * One dispatcher run: finds due invitations, then due reminders, on their sparse indexes (oldest
 * first, never a scan), queues a `survey.mail_due` message for each, up to `runCap` emails, and
 * then leases each queued one with a conditional write, so no later run queues it again while its
 * message waits for the mailer. The lease comes after the queueing, so it covers only a message
 * that exists: a run that dies midway holds nothing back, and the next run queues what it left.
 * Reminders that can never be due are dropped from their index on the way.
 *
 * @example
 * ```ts
 * const report = await dispatchDueEmails({ store, queue, settings, runCap: dispatchRunCap(14, 60) }, new Date());
 * ```
 */
export const dispatchDueEmails = async (deps: DispatchDependencies, now: Date): Promise<DispatchReport> => {
  const report = { invitations: 0, reminders: 0, droppedReminders: 0, leaseRaces: 0, refusedBySqs: 0 };
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
      const messages = candidates.slice(0, remaining).map(
        (invitation): SurveyMailDueMessage => ({
          type: 'survey.mail_due',
          version: 1,
          invitationId: invitation.invitationId,
          customerId: invitation.customerId,
          purpose,
          queuedAt,
        }),
      );
      if (messages.length === 0) continue;
      const { refused } = await deps.queue.sendBatch(messages);
      const queued = messages.filter((message) => !refused.includes(message));
      report.refusedBySqs += refused.length;
      report[purpose === 'invitation' ? 'invitations' : 'reminders'] += queued.length;
      report.leaseRaces += queued.length - (await leaseEach(queued, deps, now, until));
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

/** Leases the queued emails' items, a few writes at a time; answers how many leases it won. */
const leaseEach = async (queued: readonly SurveyMailDueMessage[], deps: DispatchDependencies, now: Date, until: string): Promise<number> => {
  let won = 0;
  for (let start = 0; start < queued.length; start += LEASES_IN_FLIGHT) {
    const slice = queued.slice(start, start + LEASES_IN_FLIGHT);
    const results = await Promise.all(slice.map((message) => deps.store.leaseForDispatch(message.invitationId, message.purpose, now, until)));
    won += results.filter(Boolean).length;
  }
  return won;
};
