import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { cdkJsonContext } from './cdk-json-context.ts';
import { FeedbackPipelineStack, type FeedbackPipelineStackProps } from './feedback-pipeline-stack.ts';
import { SES_MAX_SEND_RATE_VARIABLE, SURVEY_POLICY_ENVIRONMENT_OVERRIDES, sesMaxSendRateFrom, surveyPolicyFrom } from './survey-settings.ts';

/**
 * Environment variables the app reads at synth time (survey policy overrides for demos and
 * tests); the local runtime adds their values to its cache key, so changing one re-synthesizes.
 */
export const PIPELINE_APP_ENVIRONMENT_VARIABLES: readonly string[] = [...Object.keys(SURVEY_POLICY_ENVIRONMENT_OVERRIDES), SES_MAX_SEND_RATE_VARIABLE];

export interface PipelineAppProps {
  /** Where the cloud assembly goes. @default - the CLI's `CDK_OUTDIR`, else a temporary directory */
  readonly outdir?: string;
  /** Props of the one stack, for a deployment's own settings. @default - the stack's defaults */
  readonly stack?: FeedbackPipelineStackProps;
}

/** `-c alarmEmail=<address>` (or cdk.json's `alarmEmail`): refused at synth, naming the setting, unless it is an address. */
const alarmEmailFrom = (value: unknown): string | undefined => {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) {
    throw new Error(`The setting alarmEmail must be an email address (-c alarmEmail=oncall@example.com); it is ${JSON.stringify(value)}.`);
  }
  return value;
};

/**
 * Builds the app with the cdk-nag AwsSolutions and Serverless packs. Used by `infra/app.ts`
 * (the CLI), by the infra tests and in-process by the local runtime, so it reads no argv.
 *
 * @example
 * const { app } = createPipelineApp({ outdir: '.data/cdk.out' });
 * const assembly = app.synth();
 */
export function createPipelineApp(props: PipelineAppProps = {}): { app: App; stack: FeedbackPipelineStack } {
  const app = new App({ context: cdkJsonContext(), ...(props.outdir === undefined ? {} : { outdir: props.outdir }) });
  // cdk.json's `surveyPolicy` and `sesMaxSendRate` (or `-c` on the CLI), then the environment's
  // overrides, then explicit stack props: a bad policy fails here, naming the field.
  const stack = new FeedbackPipelineStack(app, 'SupportFeedbackPipeline', {
    ...props.stack,
    surveyPolicy: { ...surveyPolicyFrom(app.node.tryGetContext('surveyPolicy'), process.env), ...props.stack?.surveyPolicy },
    sesMaxSendRate: props.stack?.sesMaxSendRate ?? sesMaxSendRateFrom(app.node.tryGetContext('sesMaxSendRate'), process.env),
    surveyCampaign: { ...app.node.tryGetContext('surveyCampaign'), ...props.stack?.surveyCampaign },
    alarmEmail: props.stack?.alarmEmail ?? alarmEmailFrom(app.node.tryGetContext('alarmEmail')),
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return { app, stack };
}
