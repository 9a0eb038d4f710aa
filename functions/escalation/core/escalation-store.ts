import type { Severity } from '../contracts/escalation-severity.ts';

// Adapters read stored items through the core, which owns the contracts they follow.
import type { EscalationAction, EscalationActor } from './apply-escalation-action.ts';
import type { AuditEntry, Escalation, EscalationStatus } from './escalation.ts';
import type { StoredNotification } from '../contracts/stored-notification-items.ts';

/** An escalation as the API shows it: the core's state plus the complaint's reference and the store's version. */
export type StoredEscalation = Escalation & {
  /** The complaint's reference (`CMP-…`), what supervisors and the complainant quote. */
  readonly reference: string;
  /** Incremented by every change; a write is conditional on the version it read. */
  readonly version: number;
};

/** `newest` by creation time; `overdue` by the clock that runs (acknowledgement while unacknowledged, then resolution), earliest due first. */
type EscalationSort = 'newest' | 'overdue';

/**
 * Where a listing stopped, per partition (`<team>#<status>`): the key to start after, `start`
 * (not read yet) or `done`. Opaque to callers: the API signs it into a cursor.
 */
export type EscalationListPosition = Readonly<Record<string, Readonly<Record<string, string>> | 'start' | 'done'>>;

export interface EscalationListQuery {
  /** The teams in the caller's scope (already narrowed by a `team` filter). */
  readonly teams: readonly string[];
  readonly statuses: readonly EscalationStatus[];
  readonly severity?: Severity;
  readonly assignee?: string;
  readonly sort: EscalationSort;
  readonly limit: number;
  readonly after?: EscalationListPosition;
}

export interface EscalationListPage {
  readonly escalations: readonly StoredEscalation[];
  /** Absent on the last page. A page may hold fewer than `limit` escalations and still have a next one. */
  readonly next?: EscalationListPosition;
}

export interface UnacknowledgedPage {
  readonly escalations: readonly Omit<StoredEscalation, 'audit'>[];
  readonly next?: Readonly<Record<string, string>>;
}

/** An escalation as the watcher reads it: state and version, no history. */
export type WatchedEscalation = Omit<StoredEscalation, 'audit'>;

/** One change the watcher writes: the new state, the audit entry it appends, the email it queues (if any). */
export interface WatcherChange {
  readonly escalation: Omit<Escalation, 'audit'>;
  readonly entry: AuditEntry;
  readonly notification?: StoredNotification;
}

/**
 * Where escalations and their append-only audit trail live. `applyAction` changes one escalation
 * on condition that nobody changed it since it was read, and appends the audit entry in the same
 * atomic write; of two simultaneous claims exactly one wins and the other is refused by
 * `applyEscalationAction` with `already_claimed` naming the holder.
 */
export interface EscalationStore {
  /** Stores a new escalation with its opening audit entries; `exists` when one with the id is already stored. */
  create(escalation: Escalation, reference: string): Promise<'created' | 'exists'>;
  /** The escalation with its whole history, oldest entry first; `undefined` when none has the id. */
  get(id: string): Promise<StoredEscalation | undefined>;
  list(query: EscalationListQuery): Promise<EscalationListPage>;
  /**
   * Open and claimed escalations (not breached) with SLA watcher work due by `dueBy`: the warning
   * point passed while not yet warned, or the acknowledgement due time once warned; earliest first,
   * a page at a time. `after` is the `next` of the previous page.
   */
  findUnacknowledgedDue(dueBy: Date, limit: number, after?: Readonly<Record<string, string>>): Promise<UnacknowledgedPage>;
  /**
   * Applies `action` by `actor` (see `applyEscalationAction`) and answers the new state (without
   * history) and the entry appended. `alsoWrite` adds the store's own writes (DynamoDB: Transact
   * items) built from the changed escalation to the same atomic write, e.g. a resolve's outbox
   * item and the complaint's `resolved` status.
   */
  applyAction(
    id: string,
    action: EscalationAction,
    actor: EscalationActor,
    now: Date,
    alsoWrite?: (escalation: Omit<StoredEscalation, 'audit'>) => Promise<readonly unknown[]>,
  ): Promise<{ escalation: Omit<StoredEscalation, 'audit'>; entry: AuditEntry }>;
  /** The current state of one escalation (a consistent read), or undefined when none has the id. */
  readEscalation(id: string): Promise<WatchedEscalation | undefined>;
  /**
   * Writes one SLA watcher step: the new state, its audit entry and its outbox item in one
   * transaction, on condition that the escalation is still at the version read: `conflict` when
   * someone (a supervisor, another watcher) changed it first, so the caller reads again and decides again.
   */
  applyWatcherChange(read: WatchedEscalation, change: WatcherChange): Promise<'applied' | 'conflict'>;
}

/** What the supervisor API needs: read, list and act on escalations. */
export type SupervisorEscalationStore = Pick<EscalationStore, 'get' | 'list' | 'applyAction'>;

/** What the SLA watcher needs: the work due, a fresh read after a lost race, and its own step. */
export type SlaWatchStore = Pick<EscalationStore, 'findUnacknowledgedDue' | 'readEscalation' | 'applyWatcherChange'>;
