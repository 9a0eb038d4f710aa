import {
  surveyPolicySettingsSchema,
  type SurveyPolicySettings,
  type SurveyPolicySettingsInput,
} from '../functions/surveys/contracts/survey-policy-settings.ts';

/**
 * Environment variables read at synth time that override the survey policy of `cdk.json`, so a
 * demo or a test shortens the delay, throttles and expiry without editing a file:
 * `SURVEY_INVITATION_DELAY_HOURS=0 npm start`. The local runtime synthesizes the app in-process,
 * so the same variables shape `npm start`, the integration tests and `cdk deploy`.
 */
export const SURVEY_POLICY_ENVIRONMENT_OVERRIDES = {
  SURVEY_INVITATION_DELAY_HOURS: 'invitationDelayHours',
  SURVEY_POST_RESOLUTION_THROTTLE_DAYS: 'postResolutionThrottleDays',
  SURVEY_RELATIONSHIP_THROTTLE_DAYS: 'relationshipThrottleDays',
  SURVEY_REMINDER_AFTER_DAYS: 'reminderAfterDays',
  SURVEY_LINK_EXPIRY_DAYS: 'linkExpiryDays',
} as const satisfies Record<string, keyof SurveyPolicySettingsInput>;

/** Overrides the SES sending rate (emails per second) that staggers campaign invitations. */
export const SES_MAX_SEND_RATE_VARIABLE = 'SES_MAX_SEND_RATE';

/**
 * A survey policy in `cdk.json`, a stack prop or an override that the schema refuses.
 *
 * @internal exported for its tests only
 */
export class InvalidSurveyPolicyError extends Error {
  override readonly name = 'InvalidSurveyPolicyError';
  readonly code = 'invalid_survey_policy';
}

/**
 * The deployment's survey policy: the `surveyPolicy` object of `cdk.json`'s context, then the
 * environment overrides above, validated with {@link surveyPolicySettingsSchema}. A bad value fails
 * `cdk synth` (and `npm start`) with the field and the reason, rather than a function's first init.
 *
 * @example
 * ```ts
 * surveyPolicyFrom(app.node.tryGetContext('surveyPolicy'), process.env); // every default, unless overridden
 * ```
 */
export function surveyPolicyFrom(context: unknown, env: Readonly<Record<string, string | undefined>>): SurveyPolicySettings {
  if (context !== undefined && (typeof context !== 'object' || context === null || Array.isArray(context))) {
    throw new InvalidSurveyPolicyError('Invalid survey policy: the cdk.json context value "surveyPolicy" must be an object.');
  }
  const overrides: Record<string, unknown> = {};
  for (const [variable, field] of Object.entries(SURVEY_POLICY_ENVIRONMENT_OVERRIDES)) {
    const raw = env[variable];
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    if (!Number.isFinite(value)) throw new InvalidSurveyPolicyError(`Invalid survey policy: ${variable} must be a number, not "${raw}".`);
    overrides[field] = value;
  }
  return parseSurveyPolicy({ ...(context as SurveyPolicySettingsInput | undefined), ...overrides });
}

/**
 * Validates a survey policy, naming each refused field in the error.
 *
 * @example
 * ```ts
 * parseSurveyPolicy({ invitationDelayHours: 0 });
 * ```
 */
export function parseSurveyPolicy(input: SurveyPolicySettingsInput | undefined): SurveyPolicySettings {
  const result = surveyPolicySettingsSchema.safeParse(input ?? {});
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(policy)'}: ${issue.message}`);
    throw new InvalidSurveyPolicyError(`Invalid survey policy: ${problems.join('; ')}`);
  }
  return result.data;
}

/**
 * The SES sending rate (emails per second) campaigns are staggered by: the `sesMaxSendRate`
 * context value, overridden by `SES_MAX_SEND_RATE`. SES accounts start at 14 per second.
 *
 * @example
 * ```ts
 * sesMaxSendRateFrom(app.node.tryGetContext('sesMaxSendRate'), process.env); // 14
 * ```
 */
export function sesMaxSendRateFrom(context: unknown, env: Readonly<Record<string, string | undefined>>): number | undefined {
  const raw = env[SES_MAX_SEND_RATE_VARIABLE] || context;
  if (raw === undefined) return undefined;
  const rate = Number(raw);
  // SES's lowest rate is the sandbox's one email a second.
  if (!(Number.isFinite(rate) && rate >= 1))
    throw new InvalidSurveyPolicyError(`Invalid SES sending rate: ${String(raw)} is not a number of emails per second of at least 1.`);
  return rate;
}

/** The one variable that carries the validated survey policy to every survey function. */
const SURVEY_POLICY_VARIABLE = 'SURVEY_POLICY';

/**
 * The environment that hands `policy` to a function, parsed again at its init by
 * `surveyPolicySetting` (functions/surveys/settings/survey-policy-setting.ts).
 *
 * @example
 * ```ts
 * new PipelineFunction(this, 'Mailer', { name: 'send-invitation', environment: { ...surveyPolicyEnvironment(policy) } });
 * ```
 */
export const surveyPolicyEnvironment = (policy: SurveyPolicySettings): Record<string, string> => ({ [SURVEY_POLICY_VARIABLE]: JSON.stringify(policy) });
