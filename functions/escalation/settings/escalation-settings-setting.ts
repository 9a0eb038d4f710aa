import { gunzipSync } from 'node:zlib';
import * as z from 'zod/mini';
import { escalationSettingsSchema } from '../contracts/escalation-settings.ts';

/**
 * The `ESCALATION_SETTINGS` setting: the rules and the supervisor directory as gzipped JSON in base64 (Lambda's 4 KB for all variables), written by
 * the stack (infra/escalation-settings.ts) after it validated the files, and parsed at cold start
 * with the same schema, so a hand-edited value fails the init loudly with the field at fault.
 *
 * @example
 * ```ts
 * const config = readRuntimeConfig({ ESCALATION_SETTINGS: escalationSettingsSetting }, process.env);
 * config.ESCALATION_SETTINGS.rules.routing.defaultTeam; // 'general-support'
 * ```
 */
export const escalationSettingsSetting = z.pipe(
  z.pipe(
    z.string().check(z.minLength(1)),
    z.transform((value: string, context) => {
      try {
        return JSON.parse(gunzipSync(Buffer.from(value, 'base64')).toString('utf8')) as unknown;
      } catch {
        context.issues.push({ code: 'custom', message: 'The escalation settings are not gzipped JSON in base64.', input: value });
        return z.NEVER;
      }
    }),
  ),
  escalationSettingsSchema,
);
