import * as z from 'zod/mini';
import { surveyPolicySettingsSchema } from './contracts/survey-policy-settings.ts';

/**
 * The survey policy as a function setting: JSON in `SURVEY_POLICY`, every field optional (`{}`
 * or no variable at all is the default policy), parsed at cold start so a malformed policy fails
 * the init. The one place that reads it until the case intake settles the variable's name.
 *
 * @example
 * ```ts
 * const config = readRuntimeConfig({ SURVEY_POLICY: surveyPolicySetting }, process.env);
 * config.SURVEY_POLICY.reasons; // ['speed', …]
 * ```
 */
export const surveyPolicySetting = z.pipe(
  z.pipe(
    z._default(z.string(), '{}'),
    z.transform((text: string, context) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        context.issues.push({ code: 'custom', message: 'SURVEY_POLICY is not JSON', input: text });
        return z.NEVER;
      }
    }),
  ),
  surveyPolicySettingsSchema,
);
