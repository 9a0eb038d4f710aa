import * as z from 'zod/mini';

import { ownKeysRecord } from '../../platform/own-keys-record.ts';

const member = z.strictObject({ id: z.string().check(z.minLength(1), z.maxLength(128)), away: z.optional(z.boolean()) });

/**
 * Who answers for each team at each level of the chain (user ids only, never names or
 * addresses): the supervisors in turn, the team lead, the head of support. Set at synth as
 * `TEAM_ROSTERS` (JSON) and parsed at cold start.
 *
 * @example
 * ```ts
 * const rosters = teamRostersSchema.parse({ 'japan-support': { supervisors: [{ id: 'sv-aiko' }], lead: { id: 'ld-yui' }, head: { id: 'hd-eve' } } });
 * ```
 */
export const teamRostersSchema = ownKeysRecord(z.string(), z.strictObject({ supervisors: z.array(member), lead: member, head: member }));

export type TeamRosters = z.infer<typeof teamRostersSchema>;
