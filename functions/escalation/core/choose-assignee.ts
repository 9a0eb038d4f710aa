import type { ChainStep } from '../contracts/escalation-rules.ts';
import type { TeamRoster } from './escalation.ts';
import { EscalationRulesError } from './errors.ts';

export type Assignment = {
  /** 1-based level in the chain. */
  readonly level: number;
  readonly assignee: string;
  /** The supervisor to start after next time; unchanged when no supervisor was picked. */
  readonly nextRoundRobinCursor: string | undefined;
  /** Why levels were passed over, e.g. `assignment/no-supervisor-available`. */
  readonly notes: readonly string[];
};

/**
 * Who takes an escalation at `fromLevel` or, when nobody there may, the first level above that
 * has someone: supervisors in turn after `cursor` (skipping those away), the lead unless away,
 * the head of support. Never the agent the complaint is about.
 *
 * @example
 * ```ts
 * chooseAssignee(['supervisors', 'lead', 'head'], 1, roster, { cursor: 'sv-aiko', subjectAgentId: 'ag-ken' });
 * // { level: 1, assignee: 'sv-ben', nextRoundRobinCursor: 'sv-ben', notes: [] }
 * ```
 */
export const chooseAssignee = (
  chain: readonly ChainStep[],
  fromLevel: number,
  roster: TeamRoster,
  { cursor, subjectAgentId }: { cursor: string | undefined; subjectAgentId: string | undefined },
): Assignment => {
  const notes: string[] = [];
  for (let level = fromLevel; level <= chain.length; level += 1) {
    const step = chain[level - 1]!;
    if (step === 'supervisors') {
      const { supervisors } = roster;
      const start = supervisors.findIndex(({ id }) => id === cursor) + 1;
      const picked = supervisors.map((_, offset) => supervisors[(start + offset) % supervisors.length]!).find(({ id, away }) => !away && id !== subjectAgentId);
      if (picked) return { level, assignee: picked.id, nextRoundRobinCursor: picked.id, notes };
      notes.push('assignment/no-supervisor-available');
      continue;
    }
    const person = roster[step];
    // The head of support is the last resort and takes it even when marked away.
    if (person.id !== subjectAgentId && (step === 'head' || !person.away)) return { level, assignee: person.id, nextRoundRobinCursor: cursor, notes };
    notes.push(`assignment/${step}-unavailable`);
  }
  throw new EscalationRulesError('no_assignee', `Nobody from level ${fromLevel} up the chain may take this escalation.`);
};
