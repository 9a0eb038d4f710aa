import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import type { FeedbackPipelineStackProps } from './feedback-pipeline-stack.ts';

/** The stage a `cdk synth` or `cdk deploy` without `-c stage=<name>` builds: its names carry no prefix, as before stages existed. */
export const DEFAULT_STAGE = 'default';

/** Where a stage's settings file lives: `config/stages/<stage>.json`. */
const stageSettingsFile = (stage: string, root: URL = new URL('../', import.meta.url)): URL => new URL(`config/stages/${stage}.json`, root);

const parseJsonText = (value: unknown): unknown => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
};
const address = z.string().regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'an email address');
const days = z.coerce.number<unknown>().int('whole days').min(1).max(3650);
// `-c allowedOrigins=https://a.example,https://b.example` arrives as one string.
const origins = z.preprocess(
  (value) => (typeof value === 'string' ? value.split(',').map((origin) => origin.trim()) : value),
  z.array(z.union([z.literal('*'), z.url({ protocol: /^https?$/ }).regex(/^[^/]+\/\/[^/]+$/, 'an origin: scheme and host, no path')])).min(1),
);

/**
 * Every deploy setting, each optional (the stack's default applies). A stage's settings file
 * holds these keys only; `-c <name>=<value>` on the command line overrides the file.
 */
const settingFields = {
  senderAddress: address.describe('the From address of survey emails, an SES identity you verified'),
  notificationSenderAddress: address.describe('the From address of escalation emails'),
  publicBaseUrl: z.url({ protocol: /^https$/ }).describe('the https base every link starts with'),
  allowedOrigins: origins.describe('web origins allowed to call the public API'),
  customDomain: z
    .strictObject({
      domainName: z.string().regex(/^(?!-)[a-z0-9-]{1,63}(?:\.(?!-)[a-z0-9-]{1,63})+$/, 'a lower-case domain name'),
      certificateArn: z.string().regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[\w-]+$/, 'an ACM certificate ARN'),
      basePath: z.optional(z.string().regex(/^[A-Za-z0-9._-]+$/, 'one path segment')),
    })
    .describe('a custom domain for the API: { domainName, certificateArn, basePath? }'),
  edgeFirewall: z
    .strictObject({ requestsPerFiveMinutesPerIp: z.optional(z.coerce.number<unknown>().int().min(10).max(2_000_000_000)) })
    .describe('CloudFront and an AWS WAF web ACL in front of the API: { requestsPerFiveMinutesPerIp? }'),
  analyticsExport: z
    .strictObject({ retentionDays: z.optional(days) })
    .describe('every change to a counted item, without personal data, in S3 for Athena: { retentionDays? } (default 1825)'),
  alarmEmail: address.describe('an address subscribed to the alarm topic'),
  // `-c retention='{"feedbackDays":90}'` arrives as one string.
  retention: z
    .preprocess(parseJsonText, z.record(z.string(), z.unknown()))
    .describe('how long each item kind is kept, in days (docs/table-design.md#retention); each field is checked by its own schema'),
  statusTokenTtlDays: days.describe('days a complaint status link stays valid'),
  surveyPolicy: z.record(z.string(), z.unknown()).describe('the survey policy (docs/surveys.md); each field is checked by its own schema'),
  surveyCampaign: z.record(z.string(), z.unknown()).describe('the relationship campaign schedule and sampling'),
  sesMaxSendRate: z.coerce
    .number<unknown>()
    .min(1, "at least 1: SES's lowest rate, the sandbox's")
    .max(50_000)
    .describe("the SES account's sending rate, emails per second"),
  throttlingRateLimit: z.coerce.number<unknown>().int().positive().describe('public API requests per second'),
  throttlingBurstLimit: z.coerce.number<unknown>().int().positive().describe('public API burst'),
  supervisorMfa: z.enum(['off', 'optional', 'required']).describe("supervisors' second factor"),
  signingKeyRotationDays: days.describe('days between link-signing key rotations'),
};
const stageSettingsSchema = z.object(settingFields).partial().strict();

export type StageSettings = z.infer<typeof stageSettingsSchema>;

/** The names of every deploy setting, as the settings file and `-c` spell them. */
const STAGE_SETTING_NAMES = Object.keys(settingFields) as (keyof StageSettings)[];

class InvalidStageSettingError extends Error {
  override readonly name = 'InvalidStageSettingError';
}

/** A stage name: it prefixes stack and physical names, so it must be valid in all of them. */
export function parseStage(value: unknown): string {
  if (value === undefined) return DEFAULT_STAGE;
  if (typeof value !== 'string' || !/^[a-z][a-z0-9-]{0,19}$/.test(value)) {
    throw new InvalidStageSettingError(
      `The setting stage must be 1 to 20 lower-case letters, digits or hyphens, starting with a letter (-c stage=staging); it is ${JSON.stringify(value)}.`,
    );
  }
  return value;
}

/**
 * A stage's settings: its file (`config/stages/<stage>.json`, optional), then each setting given
 * as CDK context (`-c name=value` or cdk.json), validated together. An error names the setting,
 * where it came from and what it must be; an unknown key in the file (a typo) is refused.
 *
 * @example
 * const settings = readStageSettings('prod', (name) => app.node.tryGetContext(name));
 */
export function readStageSettings(stage: string, context: (name: string) => unknown, root?: URL): StageSettings {
  const file = stageSettingsFile(stage, root);
  const fromFile = (existsSync(file) ? parseSettingsFile(file) : {}) as Record<string, unknown>;
  const fromContext = Object.fromEntries(STAGE_SETTING_NAMES.flatMap((name) => (context(name) === undefined ? [] : [[name, context(name)]])));
  const result = stageSettingsSchema.safeParse({ ...fromFile, ...fromContext });
  if (result.success && result.data.customDomain !== undefined && result.data.edgeFirewall !== undefined) {
    throw new InvalidStageSettingError(
      `Stage ${stage}: the settings customDomain and edgeFirewall cannot both be set yet: the custom domain reaches the API without CloudFront, around the firewall.`,
    );
  }
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : '(settings)'));
    const source = Object.hasOwn(fromContext, name) ? `-c ${name}=…` : `config/stages/${stage}.json`;
    if (issue.code === 'unrecognized_keys') return `unknown setting ${issue.keys.join(', ')} in ${source} (known: ${STAGE_SETTING_NAMES.join(', ')})`;
    const described = Object.hasOwn(settingFields, name) ? settingFields[name as keyof StageSettings].description : undefined;
    return `the setting ${[name, ...issue.path.slice(1)].join('.')} (${source}) ${described ? `is ${described}: ` : ''}${issue.message}`;
  });
  throw new InvalidStageSettingError(`Stage ${stage}: ${problems.join('; ')}.`);
}

function parseSettingsFile(file: URL): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InvalidStageSettingError(`${file.pathname} is not JSON: ${(error as Error).message}`);
  }
}

/** The stack props a stage's settings give; what they leave out keeps the stack's default. */
export const stackPropsOf = (settings: StageSettings): FeedbackPipelineStackProps => {
  const { surveyPolicy: _policy, surveyCampaign: _campaign, sesMaxSendRate: _rate, ...direct } = settings;
  return direct as FeedbackPipelineStackProps;
};
