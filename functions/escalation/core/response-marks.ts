import { CodedError } from '../../platform/coded-error.ts';
import type { ResponseMark } from '../contracts/supervisor-api.ts';
import type { EscalationActor } from './apply-escalation-action.ts';
import { SupervisorAccessError } from './errors.ts';

/** No survey answer for this invitation (none yet, or expired). */
export class ResponseNotFoundError extends CodedError<'response_not_found'> {
  override readonly name = 'ResponseNotFoundError';
  override readonly kind = 'not_found';
}

/** Where survey answers' marks are read and kept. */
export interface ResponseMarkStore {
  /** The answer's team (absent for an answer reported under none), or `undefined` when there is no answer. */
  findResponse(invitationId: string): Promise<{ readonly team?: string | undefined } | undefined>;
  /** Sets the mark on the stored answer, never creating one. */
  mark(mark: ResponseMark): Promise<void>;
}

/**
 * Marks a survey answer about the product, not the agent (or clears the mark): a supervisor or
 * lead of the answer's team, an admin any. An answer without a team is an admin's to mark.
 *
 * @example
 * ```ts
 * await markResponse({ id: 'sup-general-ana', role: 'supervisor', teams: ['general-support'] }, 'inv-1', true, store, new Date());
 * ```
 */
export const markResponse = async (
  actor: EscalationActor,
  invitationId: string,
  aboutProductNotAgent: boolean,
  store: ResponseMarkStore,
  now: Date,
): Promise<ResponseMark> => {
  const found = await store.findResponse(invitationId);
  if (found === undefined) throw new ResponseNotFoundError('response_not_found', 'No survey answer for this invitation.');
  if (actor.role !== 'admin' && (found.team === undefined || !actor.teams.includes(found.team)))
    throw new SupervisorAccessError('forbidden', 'A supervisor or lead marks their own team’s answers only.');
  const mark = { invitationId, aboutProductNotAgent, markedBy: actor.id, markedAt: now.toISOString() };
  await store.mark(mark);
  return mark;
};
