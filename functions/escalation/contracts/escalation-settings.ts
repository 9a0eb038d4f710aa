import * as z from 'zod/mini';
import { escalationRulesSchema } from './escalation-rules.ts';
import { ownKeysRecord } from '../../platform/own-keys-record.ts';
import { supervisorUserId } from './supervisor-user-id.ts';

/** One person of the supervisor directory: the sign-in user id, where their escalation emails go, and whether they take new work. */
const directoryPerson = z.strictObject({
  id: supervisorUserId,
  email: z.email(),
  /** Away (leave, sick, out of shift): skipped by round-robin; a lead marked away is passed over for the head of support. */
  away: z.optional(z.boolean()),
});

/**
 * Who answers escalations: per team its supervisors (in round-robin order) and lead, and the head
 * of support at the top of every chain. Configuration (config/supervisor-directory.json), not the
 * user pool: the consumer needs the roster and away flags at decision time, and the notifier the
 * addresses, without a Cognito call per complaint.
 */
export const supervisorDirectorySchema = z.strictObject({
  head: directoryPerson,
  teams: ownKeysRecord(z.string(), z.strictObject({ supervisors: z.array(directoryPerson).check(z.minLength(1)), lead: directoryPerson })),
});
export type SupervisorDirectory = z.infer<typeof supervisorDirectorySchema>;

/**
 * The escalation configuration every escalation function receives as one variable
 * (`ESCALATION_SETTINGS`): the validated rules and the supervisor directory, each team of the
 * rules staffed in the directory.
 *
 * @example
 * ```ts
 * escalationSettingsSchema.parse({ rules, directory });
 * ```
 */
export const escalationSettingsSchema = z.strictObject({ rules: escalationRulesSchema, directory: supervisorDirectorySchema }).check(
  z.superRefine(({ rules, directory }, context) => {
    for (const team of Object.keys(rules.teams)) {
      if (!Object.hasOwn(directory.teams, team)) {
        context.addIssue({
          code: 'custom',
          message: `Team "${team}" of the rules has no supervisors in the directory.`,
          path: ['directory', 'teams'],
          input: team,
        });
      }
    }
  }),
);
export type EscalationSettings = z.infer<typeof escalationSettingsSchema>;
