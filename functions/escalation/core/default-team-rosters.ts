import type { TeamRosters } from '../contracts/team-rosters.ts';

const head = { id: 'head-hugo' };

/**
 * The team directory shipped by default: the default rules' three teams with the local demo's
 * people (local/auth/demo-directory.ts; user ids only), so a fresh stack escalates to someone. A
 * deployment passes its own (`teamRosters` on the stack), e.g. from its Cognito groups.
 *
 * @example
 * ```ts
 * defaultTeamRosters['japan-support']!.lead.id; // 'lead-japan-kenji'
 * ```
 */
export const defaultTeamRosters: TeamRosters = {
  'general-support': { supervisors: [{ id: 'sup-general-ana' }, { id: 'sup-general-ben' }], lead: { id: 'lead-general-chloe' }, head },
  'cloud-platform': { supervisors: [{ id: 'sup-cloud-dev' }, { id: 'sup-cloud-eva' }], lead: { id: 'lead-cloud-femi' }, head },
  'japan-support': { supervisors: [{ id: 'sup-japan-haruto' }, { id: 'sup-japan-yui' }], lead: { id: 'lead-japan-kenji' }, head },
};
