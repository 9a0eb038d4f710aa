import * as z from 'zod/mini';
import { escalationRulesSchema } from './escalation-rules.ts';
import { supervisorDirectorySchema } from './supervisor-directory.ts';

/**
 * The escalation configuration as the core reads it: the rules (the `ESCALATION_RULES` variable)
 * and the supervisor directory (the table's, read at most once a minute), each team of the rules
 * staffed in the directory. `cdk synth` checks the seed directory in `config/` with it.
 *
 * @example
 * ```ts
 * escalationSettingsSchema.parse({ rules, directory: seedDirectory });
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
