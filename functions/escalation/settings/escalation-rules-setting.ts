import { gunzipSync } from 'node:zlib';
import * as z from 'zod/mini';
import { escalationRulesSchema } from '../contracts/escalation-rules.ts';

/**
 * The `ESCALATION_RULES` setting: the escalation rules as gzipped JSON in base64 (Lambda's 4 KB
 * for all variables), written by the stack (infra/escalation-settings.ts) after it validated the
 * file, and parsed at cold start with the same schema, so a hand-edited value fails the init
 * loudly with the field at fault. The supervisor directory is not a setting: it is the table's.
 *
 * @example
 * ```ts
 * const config = readRuntimeConfig({ ESCALATION_RULES: escalationRulesSetting }, process.env);
 * config.ESCALATION_RULES.routing.defaultTeam; // 'general-support'
 * ```
 */
export const escalationRulesSetting = z.pipe(
  z.pipe(
    z.string().check(z.minLength(1)),
    z.transform((value: string, context) => {
      try {
        return JSON.parse(gunzipSync(Buffer.from(value, 'base64')).toString('utf8')) as unknown;
      } catch {
        context.issues.push({ code: 'custom', message: 'The escalation rules are not gzipped JSON in base64.', input: value });
        return z.NEVER;
      }
    }),
  ),
  escalationRulesSchema,
);
