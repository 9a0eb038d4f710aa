import * as z from 'zod/mini';
import { surveyPolicySettingsSchema } from './contracts/survey-policy-settings.ts';

/**
 * The `SURVEY_POLICY` setting: the deployment's survey policy as JSON, written by the stack
 * (`surveyPolicyEnvironment` in infra/survey-settings.ts) and parsed at cold start with the same
 * schema, so a hand-edited or truncated value fails the init loudly with the field at fault.
 *
 * @example
 * ```ts
 * const config = readRuntimeConfig({ SURVEY_POLICY: surveyPolicySetting }, process.env);
 * config.SURVEY_POLICY.invitationDelayHours; // 24
 * ```
 */
export const surveyPolicySetting = z.pipe(
  z.pipe(
    z.string().check(z.minLength(1)),
    z.transform((value: string, context) => {
      try {
        return JSON.parse(value) as unknown;
      } catch {
        context.issues.push({ code: 'custom', message: 'The survey policy is not JSON.', input: value });
        return z.NEVER;
      }
    }),
  ),
  surveyPolicySettingsSchema,
);
