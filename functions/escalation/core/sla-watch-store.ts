import type { StoredNotification } from '../contracts/stored-notification-items.ts';
import type { AuditEntry, Escalation } from './escalation.ts';
import type { StoredEscalation, UnacknowledgedPage } from './escalation-store.ts';

/** An escalation as the watcher reads it: state and version, no history. */
export type WatchedEscalation = Omit<StoredEscalation, 'audit'>;

/** One change the watcher writes: the new state, the audit entry it appends, the email it queues (if any). */
export interface WatcherChange {
  readonly escalation: Omit<Escalation, 'audit'>;
  readonly entry: AuditEntry;
  readonly notification?: StoredNotification;
}

/**
 * What the SLA watcher needs of the escalation store. `applyWatcherChange` writes the new state,
 * its audit entry and its outbox item in one transaction, on condition that the escalation is
 * still at the version read: `conflict` when someone (a supervisor, another watcher) changed it
 * first, so the caller reads again and decides again.
 */
export interface SlaWatchStore {
  /** Escalations the watcher has work on by `dueBy` (warning or acknowledgement due), earliest first, a page at a time. */
  findUnacknowledgedDue(dueBy: Date, limit: number, after?: Readonly<Record<string, string>>): Promise<UnacknowledgedPage>;
  /** The current state of one escalation (a consistent read), or undefined when none has the id. */
  readEscalation(id: string): Promise<WatchedEscalation | undefined>;
  applyWatcherChange(read: WatchedEscalation, change: WatcherChange): Promise<'applied' | 'conflict'>;
}
