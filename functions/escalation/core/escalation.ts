import type { CustomerTier, Severity } from '../contracts/escalation-rules.ts';

/** A person in a team's directory; `away` supervisors (leave, sick, out of shift) get no new work. */
type TeamMember = { readonly id: string; readonly away?: boolean };

/**
 * Each team's current members (its supervisors and its lead) by user id, as the supervisor
 * directory lists them: whom a reassign may name.
 */
export type TeamMembers = ReadonlyMap<string, ReadonlySet<string>>;

/** Who answers for a team at each level of the chain. */
export type TeamRoster = { readonly supervisors: readonly TeamMember[]; readonly lead: TeamMember; readonly head: TeamMember };

/**
 * `open` waits for someone to take it, `claimed` is taken but not yet acknowledged (its
 * acknowledgement clock still runs), `acknowledged` stops that clock, `resolved` is final.
 */
export type EscalationStatus = 'open' | 'claimed' | 'acknowledged' | 'resolved';

/** One line of the append-only history: who did what, when. */
export type AuditEntry = { readonly at: string; readonly actor: string; readonly action: string; readonly detail: Readonly<Record<string, string>> };

/**
 * What raised an escalation: a stored complaint (the escalation has the complaint's id) or a
 * confirmed very low survey score (the escalation has the survey response's id).
 */
export type EscalationSource = 'complaint' | 'survey';

/** An escalation as plain data: what the store keeps and the watcher and the API act on. */
export type Escalation = {
  readonly id: string;
  /** Absent on escalations stored before surveys could raise one: those are all complaints. */
  readonly source?: EscalationSource;
  readonly team: string;
  readonly tier: CustomerTier;
  readonly region: string;
  readonly severity: Severity;
  readonly guaranteed: boolean;
  /** The agent the complaint is about, who is never assigned it. */
  readonly subjectAgentId?: string;
  readonly level: number;
  readonly assignee: string;
  readonly status: EscalationStatus;
  readonly claimedBy?: string;
  readonly createdAt: string;
  readonly ackDueAt: string;
  readonly warnAt: string;
  readonly resolveDueAt: string;
  /** Whether the current level's assignee has had the before-breach warning. */
  readonly warned: boolean;
  /** The top of the chain let its acknowledgement time pass. */
  readonly breached: boolean;
  readonly acknowledgedAt?: string;
  readonly resolvedAt?: string;
  readonly resolution?: string;
  readonly audit: readonly AuditEntry[];
};
