import type { AuditEntry, Escalation, TeamMembers } from './escalation.ts';
import { ESCALATION_ACTIONS, type EscalationActionName } from '../contracts/supervisor-api.ts';
import { EscalationActionError } from './errors.ts';

/**
 * A reassign names the new assignee (`to`) and, to move the escalation to another team, that
 * `team`; `teamMembers` is the supervisor directory at the time, which `to` is checked against.
 */
type ReassignAction = { readonly type: 'reassign'; readonly to: string; readonly team?: string; readonly teamMembers: TeamMembers };

export type EscalationAction =
  | { readonly type: 'claim' }
  | { readonly type: 'ack' }
  | { readonly type: 'note'; readonly text: string }
  | ReassignAction
  | { readonly type: 'resolve'; readonly resolution: string };

/** A signed-in person: `supervisor` and `lead` act on their teams' escalations, `admin` on all. */
export type EscalationActor = { readonly id: string; readonly role: 'supervisor' | 'lead' | 'admin'; readonly teams: readonly string[] };

// Only leads and admins move work between people; everyone in scope may take, answer and close it.
const ALLOWED_ROLES: Record<EscalationAction['type'], readonly EscalationActor['role'][]> = {
  claim: ['supervisor', 'lead', 'admin'],
  ack: ['supervisor', 'lead', 'admin'],
  note: ['supervisor', 'lead', 'admin'],
  reassign: ['lead', 'admin'],
  resolve: ['supervisor', 'lead', 'admin'],
};

const holderOf = (escalation: Escalation) => (escalation.status === 'claimed' || escalation.status === 'acknowledged' ? escalation.claimedBy : undefined);

const refuseIfHeldByAnother = (escalation: Escalation, actor: EscalationActor) => {
  const holder = holderOf(escalation);
  if (holder !== undefined && holder !== actor.id) {
    throw new EscalationActionError('already_claimed', `Escalation ${escalation.id} is held by ${holder}.`, { holder });
  }
};

const requireText = (text: string, field: string) => {
  if (text.trim() === '') throw new EscalationActionError('invalid_action', `The ${field} must not be blank.`);
};

/**
 * The team a reassign leaves the escalation in, once `to` is known to be a current member of it:
 * its own team, or (leads and admins, the only roles that reassign) another team of the directory.
 * Someone outside the team would be assigned work they cannot see, or nobody at all.
 */
const reassignTargetTeam = (escalation: Escalation, { to, team, teamMembers }: ReassignAction): string => {
  const target = team ?? escalation.team;
  const members = teamMembers.get(target);
  if (members === undefined && target !== escalation.team) {
    // The name is not echoed: unlike `to`, `team` is only checked as one line of text.
    throw new EscalationActionError('unknown_team', 'The supervisor directory has no team of that name.');
  }
  if (members?.has(to)) return target;
  if (![...teamMembers.values()].some((others) => others.has(to))) {
    throw new EscalationActionError('unknown_assignee', `${to} is no supervisor or lead of any team in the supervisor directory.`);
  }
  const move = target === escalation.team ? ' A lead or an admin may move the escalation to another team with "team".' : '';
  throw new EscalationActionError('not_a_team_member', `${to} is not a supervisor or lead of team ${target}.${move}`);
};

/** The state change of one action, checks done; `detail` goes into the audit entry. */
const changeOf = (escalation: Escalation, action: EscalationAction, actor: EscalationActor, at: string): [Partial<Escalation>, Record<string, string>] => {
  switch (action.type) {
    case 'claim': {
      const holder = holderOf(escalation);
      if (holder !== undefined) throw new EscalationActionError('already_claimed', `Escalation ${escalation.id} is held by ${holder}.`, { holder });
      return [{ status: 'claimed', claimedBy: actor.id, assignee: actor.id }, {}];
    }
    case 'ack':
      if (escalation.status === 'acknowledged') throw new EscalationActionError('invalid_transition', `Escalation ${escalation.id} is already acknowledged.`);
      refuseIfHeldByAnother(escalation, actor);
      return [{ status: 'acknowledged', claimedBy: actor.id, assignee: actor.id, acknowledgedAt: at }, {}];
    case 'note':
      requireText(action.text, 'note');
      return [{}, { text: action.text }];
    case 'reassign': {
      const team = reassignTargetTeam(escalation, action);
      // The acknowledgement clock keeps running: handing work on must not reset an SLA.
      const change: Partial<Escalation> =
        escalation.status === 'acknowledged' ? { assignee: action.to, claimedBy: action.to } : { assignee: action.to, status: 'open' };
      if (team === escalation.team) return [change, { from: escalation.assignee, to: action.to }];
      return [
        { ...change, team },
        { from: escalation.assignee, to: action.to, fromTeam: escalation.team, toTeam: team },
      ];
    }
    case 'resolve': {
      requireText(action.resolution, 'resolution');
      // The holder closes their work. A lead of the team or an admin may close it over someone
      // else's hold, so an escalation never waits for a holder who is away (the chain already
      // makes the lead answerable at level 2); the entry then names the holder it was resolved over.
      const holder = holderOf(escalation);
      if (actor.role === 'supervisor' && holder !== actor.id) {
        if (holder === undefined) throw new EscalationActionError('not_holder', `Claim escalation ${escalation.id} before resolving it.`);
        const message = `Escalation ${escalation.id} is held by ${holder}: they, a lead of its team or an admin may resolve it.`;
        throw new EscalationActionError('not_holder', message, { holder });
      }
      const change: Partial<Escalation> = { status: 'resolved', resolvedAt: at, resolution: action.resolution };
      if (holder === undefined || holder === actor.id) return [change, { resolution: action.resolution }];
      return [change, { resolution: action.resolution, resolvedOver: holder }];
    }
  }
};

/**
 * Applies a supervisor's action to an escalation: checks the actor's role and team, then the
 * state (`claim` of an escalation someone else holds fails with `already_claimed` naming them;
 * `resolve` by a supervisor who does not hold it with `not_holder`), then the target (a reassign's
 * `to` must be a current member of the escalation's team, or of the `team` a lead or admin moves
 * it to), and returns the new state with one more audit entry. The audit trail is only ever appended to;
 * the store writes the new state on condition that the old one is unchanged, so of two
 * simultaneous claims exactly one wins.
 *
 * @example
 * ```ts
 * const { escalation: claimed, entry } = applyEscalationAction(escalation, { type: 'claim' }, { id: 'sv-aiko', role: 'supervisor', teams: ['japan-support'] }, now);
 * ```
 */
export const applyEscalationAction = (
  escalation: Escalation,
  action: EscalationAction,
  actor: EscalationActor,
  now: Date,
): { escalation: Escalation; entry: AuditEntry } => {
  const inScope = actor.role === 'admin' || actor.teams.includes(escalation.team);
  if (!inScope || !ALLOWED_ROLES[action.type].includes(actor.role)) {
    throw new EscalationActionError('forbidden', `A ${actor.role} may not ${action.type} escalation ${escalation.id}.`);
  }
  if (escalation.status === 'resolved' && action.type !== 'note') {
    throw new EscalationActionError('invalid_transition', `Escalation ${escalation.id} is resolved.`);
  }
  const at = now.toISOString();
  const [change, detail] = changeOf(escalation, action, actor, at);
  const entry: AuditEntry = { at, actor: actor.id, action: action.type, detail };
  const next: Escalation = { ...escalation, ...change, audit: [...escalation.audit, entry] };
  if (next.status === 'open') {
    const { claimedBy: _released, ...unclaimed } = next;
    return { escalation: unclaimed, entry };
  }
  return { escalation: next, entry };
};

/**
 * What `actor` may do next with `escalation`, in the order a console offers them (the first the
 * primary one): the very rules `applyEscalationAction` applies, tried on placeholder input. A
 * reassign is offered by role and state alone; its target is checked when it is made.
 *
 * @example
 * ```ts
 * nextActions(openEscalation, { id: 'sv-aiko', role: 'supervisor', teams: ['japan-support'] }, now); // ['claim', 'ack', 'notes']
 * ```
 */
export const nextActions = (escalation: Escalation, actor: EscalationActor, now: Date): EscalationActionName[] => {
  const tried: Record<EscalationActionName, EscalationAction> = {
    claim: { type: 'claim' },
    ack: { type: 'ack' },
    notes: { type: 'note', text: 'x' },
    // Any member of the team: only the role and the state decide whether a reassign is offered.
    reassign: { type: 'reassign', to: escalation.assignee, teamMembers: new Map([[escalation.team, new Set([escalation.assignee])]]) },
    resolve: { type: 'resolve', resolution: 'x' },
  };
  return ESCALATION_ACTIONS.filter((name) => {
    try {
      applyEscalationAction(escalation, tried[name], actor, now);
      return true;
    } catch (error) {
      if (error instanceof EscalationActionError) return false;
      throw error;
    }
  });
};
