import type { EscalationRules } from '../contracts/escalation-rules.ts';
import { notificationIdOf, type StoredNotification } from '../contracts/stored-notification-items.ts';
import type { TeamRoster } from './escalation.ts';
import { ownValue } from '../../platform/own-value.ts';
import { type EscalationStep, nextEscalationStep } from './next-escalation-step.ts';
import type { SlaWatchStore, WatchedEscalation, WatcherChange } from './escalation-store.ts';

interface SlaWatchLimits {
  /** Escalations read per index page (the Query's Limit). */
  readonly pageSize: number;
  /** Pages one run reads at most; what is left is the next run's. */
  readonly maxPages: number;
}

export interface SlaWatchDeps {
  readonly store: SlaWatchStore;
  readonly rules: EscalationRules;
  readonly rosters: Readonly<Record<string, TeamRoster>>;
  readonly limits: SlaWatchLimits;
  /** Milliseconds this run may still start work in (the handler derives it from its own deadline). */
  readonly timeLeftMs: () => number;
}

/** What one run did, for the log and the metrics (ids and counts only, no personal data). */
export interface SlaWatchReport {
  readonly examined: number;
  readonly escalated: number;
  readonly breached: number;
  readonly warned: number;
  /** Escalations someone else changed first (a supervisor, another watcher) that then needed nothing. */
  readonly alreadyHandled: number;
  /** Escalations still contended after every attempt: the next run takes them. */
  readonly contended: number;
  /** Escalations of a team with no roster: a configuration fault, logged and left for a fixed directory. */
  readonly unknownTeam: readonly string[];
  readonly pages: number;
  /** Why the run stopped before the index was exhausted, if it did. */
  readonly stoppedBy?: 'page_limit' | 'time_budget';
  /** The outbox items this run wrote, for the handler to send at once (user names and ids; not for the log). */
  readonly notifications: readonly StoredNotification[];
}

/** Attempts per escalation: a lost race is read again and decided again. */
const WATCH_ATTEMPTS = 3;

type Outcome = 'escalate' | 'breach' | 'warn' | 'none' | 'handled' | 'contended' | 'unknown_team';
type Stepped = { readonly outcome: Outcome; readonly notification?: StoredNotification };

/**
 * The outbox item announcing a watcher step, in the same transaction as the step: `escalated` to
 * the new level's assignee, `ack_warning` to the current one; a breach at the top of the chain is
 * recorded, and the head of support had the level's `escalated` email already.
 *
 * @example
 * ```ts
 * watcherNotificationOf(step, read, now); // { notificationId: 'esc-1#escalated#2', kind: 'escalated', recipientUserId: 'ld-yui', … }
 * ```
 */
const watcherNotificationOf = (step: EscalationStep, read: WatchedEscalation, now: Date): StoredNotification | undefined => {
  if (step.kind !== 'escalate' && step.kind !== 'warn') return undefined;
  const kind = step.kind === 'escalate' ? 'escalated' : 'ack_warning';
  const { level, assignee } = step.escalation;
  return {
    notificationId: notificationIdOf(read.id, kind, level),
    kind,
    escalationId: read.id,
    // A complaint's escalation has the complaint's id; a survey score's names no complaint.
    ...(read.source === 'survey' ? {} : { complaintId: read.id }),
    recipientUserId: assignee,
    level,
    createdAt: now.toISOString(),
  };
};

/**
 * One SLA watcher run at `now`: pages through the escalations with work due (acknowledgement
 * past due, or the warning point passed and not yet warned) on the sparse index, and writes each
 * one's next step (escalate, breach, warn) with its audit entry and email, conditionally on the
 * version read. Two runs at once, or one run twice, take each step once: the loser of a race reads
 * again and finds nothing left to do. Stops at the page limit or the time budget; whatever is left
 * stays on the index for the next run.
 *
 * @example
 * ```ts
 * const report = await watchEscalationSlas({ store, rules, rosters, limits: { pageSize: 25, maxPages: 20 }, timeLeftMs: () => deadline - Date.now() }, now);
 * ```
 */
export const watchEscalationSlas = async (deps: SlaWatchDeps, now: Date): Promise<SlaWatchReport> => {
  const counts = { examined: 0, escalate: 0, breach: 0, warn: 0, none: 0, handled: 0, contended: 0, unknown_team: 0, pages: 0 };
  const unknownTeam = new Set<string>();
  const notifications: StoredNotification[] = [];
  let after: Readonly<Record<string, string>> | undefined;
  let stoppedBy: SlaWatchReport['stoppedBy'];
  do {
    if (counts.pages >= deps.limits.maxPages) {
      stoppedBy = 'page_limit';
      break;
    }
    if (deps.timeLeftMs() <= 0) {
      stoppedBy = 'time_budget';
      break;
    }
    const page = await deps.store.findUnacknowledgedDue(now, deps.limits.pageSize, after);
    counts.pages++;
    counts.examined += page.escalations.length;
    // One page at a time, its escalations in parallel: each is its own conditional transaction.
    const outcomes = await Promise.all(page.escalations.map((read) => stepEscalation(deps, read, now)));
    for (const [index, { outcome, notification }] of outcomes.entries()) {
      counts[outcome]++;
      if (outcome === 'unknown_team') unknownTeam.add(page.escalations[index]!.team);
      if (notification !== undefined) notifications.push(notification);
    }
    after = page.next;
  } while (after !== undefined);
  return {
    examined: counts.examined,
    escalated: counts.escalate,
    breached: counts.breach,
    warned: counts.warn,
    alreadyHandled: counts.handled,
    contended: counts.contended,
    unknownTeam: [...unknownTeam],
    pages: counts.pages,
    ...(stoppedBy === undefined ? {} : { stoppedBy }),
    notifications,
  };
};

const stepEscalation = async (deps: SlaWatchDeps, first: WatchedEscalation, now: Date): Promise<Stepped> => {
  const roster = ownValue(deps.rosters, first.team);
  if (roster === undefined) return { outcome: 'unknown_team' };
  let read: WatchedEscalation | undefined = first;
  for (let attempt = 1; attempt <= WATCH_ATTEMPTS; attempt++) {
    // The core appends the step's entry to the history it is given: give it none, and the entry is the whole history.
    const step = nextEscalationStep({ ...read, audit: [] }, deps.rules, roster, now);
    if (step.kind === 'none') return { outcome: attempt === 1 ? 'none' : 'handled' };
    const { audit, ...escalation } = step.escalation;
    const notification = watcherNotificationOf(step, read, now);
    const change: WatcherChange = { escalation, entry: audit[0]!, ...(notification ? { notification } : {}) };
    if ((await deps.store.applyWatcherChange(read, change)) === 'applied') return { outcome: step.kind, ...(notification ? { notification } : {}) };
    read = await deps.store.readEscalation(read.id);
    if (read === undefined) return { outcome: 'handled' };
  }
  return { outcome: 'contended' };
};
