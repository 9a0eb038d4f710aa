import { z } from 'zod';

const days = z.number('whole days').int('whole days').min(1, 'at least 1 day').max(3650, 'at most 3650 days (ten years)');

/**
 * How long each item kind that holds a customer's words is kept, in days, and when its clock
 * starts. DynamoDB's TTL on `expiresAt` (epoch seconds) deletes the item; the report counters keep
 * its figures (their stream consumer ignores TTL deletions). Every other item kind is kept, for
 * the reason docs/table-design.md gives beside it.
 */
const retentionFields = {
  feedbackDays: days.default(365).describe('days help-site feedback is kept after it is accepted'),
  complaintDaysAfterResolution: days
    .default(1095)
    .describe('days a complaint is kept after its escalation is resolved (one no escalation takes up: after it is accepted)'),
  surveyDaysAfterLinkExpiry: days
    .optional()
    .describe(
      "days a survey invitation, its case pointer and its response are kept after the link expires (the survey policy's retentionDays, 730, when unset)",
    ),
};
const retentionSchema = z.strictObject(retentionFields);

/** What a stage or stack may set: any field left out keeps its default. */
export type RetentionSettingsInput = z.input<typeof retentionSchema>;

/** Every item kind's retention, defaults filled in. */
export type RetentionSettings = Required<z.output<typeof retentionSchema>>;

/**
 * A retention setting the schema refuses.
 *
 * @internal exported for its tests only
 */
export class InvalidRetentionSettingError extends Error {
  override readonly name = 'InvalidRetentionSettingError';
  readonly code = 'invalid_retention_setting';
}

/**
 * Validates the stage's `retention` object, naming each refused field and what it must be, so a
 * bad value fails `cdk synth` rather than a function's first write. The survey items' retention
 * falls back to the survey policy's `retentionDays`, which stage files set before this existed.
 *
 * @example
 * ```ts
 * parseRetention({ complaintDaysAfterResolution: 1825 }, 730);
 * // { feedbackDays: 365, complaintDaysAfterResolution: 1825, surveyDaysAfterLinkExpiry: 730 }
 * ```
 */
export function parseRetention(input: unknown, surveyPolicyRetentionDays: number): RetentionSettings {
  const result = retentionSchema.safeParse(input ?? {});
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      if (issue.code === 'unrecognized_keys')
        return `unknown setting retention.${issue.keys.join(', retention.')} (known: ${Object.keys(retentionFields).join(', ')})`;
      if (issue.path.length === 0) return 'the setting retention must be an object of days per item kind';
      const name = String(issue.path[0]);
      const described = Object.hasOwn(retentionFields, name) ? retentionFields[name as keyof typeof retentionFields].description : undefined;
      return `the setting retention.${name} is ${described ?? 'unknown'}: ${issue.message}`;
    });
    throw new InvalidRetentionSettingError(`Invalid retention: ${problems.join('; ')}.`);
  }
  return { ...result.data, surveyDaysAfterLinkExpiry: result.data.surveyDaysAfterLinkExpiry ?? surveyPolicyRetentionDays };
}
