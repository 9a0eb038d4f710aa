import * as z from 'zod/mini';
import { surveyPolicySettingsSchema } from '../contracts/survey-policy-settings.ts';
import { jsonSetting } from '../../platform/settings/runtime-config.ts';

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
export const surveyPolicySetting = z.pipe(jsonSetting('The survey policy is'), surveyPolicySettingsSchema);
