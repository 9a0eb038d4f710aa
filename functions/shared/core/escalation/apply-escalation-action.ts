import type { AuditEntry, Escalation } from './escalation.ts';
import { EscalationActionError } from './escalation-errors.ts';

export type EscalationAction =
  | { readonly type: 'claim' }
  | { readonly type: 'ack' }
  | { readonly type: 'note'; readonly text: string }
  | { readonly type: 'reassign'; readonly to: string }
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
      // The acknowledgement clock keeps running: handing work on must not reset an SLA.
      const change: Partial<Escalation> =
        escalation.status === 'acknowledged' ? { assignee: action.to, claimedBy: action.to } : { assignee: action.to, status: 'open' };
      return [change, { from: escalation.assignee, to: action.to }];
    }
    case 'resolve':
      requireText(action.resolution, 'resolution');
      if (actor.role === 'supervisor' && holderOf(escalation) !== actor.id) {
        throw new EscalationActionError('not_holder', `Claim escalation ${escalation.id} before resolving it.`, { holder: holderOf(escalation) ?? '' });
      }
      return [{ status: 'resolved', resolvedAt: at, resolution: action.resolution }, { resolution: action.resolution }];
  }
};

/**
 * Applies a supervisor's action to an escalation: checks the actor's role and team, then the
 * state (`claim` of an escalation someone else holds fails with `already_claimed` naming them),
 * and returns the new state with one more audit entry. The audit trail is only ever appended to;
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
