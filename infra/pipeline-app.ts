import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { cdkJsonContext } from './cdk-json-context.ts';
import { EdgeFirewallStack } from './edge-firewall-stack.ts';
import { FeedbackPipelineStack, type FeedbackPipelineStackProps } from './feedback-pipeline-stack.ts';
import { DEFAULT_STAGE, parseStage, readStageSettings, stackPropsOf } from './stage-settings.ts';
import { SES_MAX_SEND_RATE_VARIABLE, SURVEY_POLICY_ENVIRONMENT_OVERRIDES, sesMaxSendRateFrom, surveyPolicyFrom } from './survey-settings.ts';

/**
 * Environment variables the app reads at synth time (survey policy overrides for demos and
 * tests); the local runtime adds their values to its cache key, so changing one re-synthesizes.
 */
export const PIPELINE_APP_ENVIRONMENT_VARIABLES: readonly string[] = [...Object.keys(SURVEY_POLICY_ENVIRONMENT_OVERRIDES), SES_MAX_SEND_RATE_VARIABLE];

export interface PipelineAppProps {
  /** Where the cloud assembly goes. @default - the CLI's `CDK_OUTDIR`, else a temporary directory */
  readonly outdir?: string;
  /** Props of the one stack, over the stage's settings. @default - the stage's settings */
  readonly stack?: FeedbackPipelineStackProps;
}

/**
 * The stack of a stage: the default stage keeps the name it had before stages, every other is prefixed.
 * @internal exported for its tests
 */
export const stackNameOf = (stage: string): string => (stage === DEFAULT_STAGE ? 'SupportFeedbackPipeline' : `${stage}-SupportFeedbackPipeline`);

/**
 * Builds the app with the cdk-nag AwsSolutions and Serverless packs, for the stage `-c stage=<name>`
 * names (the default stage when absent). Used by `infra/app.ts` (the CLI), by the infra tests and
 * in-process by the local runtime, so it reads no argv.
 *
 * @example
 * const { app } = createPipelineApp({ outdir: '.data/cdk.out' });
 * const assembly = app.synth();
 */
export function createPipelineApp(props: PipelineAppProps = {}): { app: App; stack: FeedbackPipelineStack } {
  const app = new App({ context: cdkJsonContext(), ...(props.outdir === undefined ? {} : { outdir: props.outdir }) });
  const stack = addPipelineStage(app, parseStage(app.node.tryGetContext('stage')), props.stack);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return { app, stack };
}

/**
 * Adds one stage's stack to `app`: its settings file (`config/stages/<stage>.json`) and context
 * (`-c name=value`, cdk.json), then the environment's survey overrides, then explicit props. A bad
 * setting fails here, naming it.
 *
 * @example
 * addPipelineStage(app, 'staging');
 * @internal exported for its tests (two stages in one app)
 */
export function addPipelineStage(app: App, stage: string, overrides: FeedbackPipelineStackProps = {}): FeedbackPipelineStack {
  const settings = readStageSettings(stage, (name) => app.node.tryGetContext(name));
  const stack = new FeedbackPipelineStack(app, stackNameOf(stage), {
    ...stackPropsOf(settings),
    ...overrides,
    stage,
    surveyPolicy: { ...surveyPolicyFrom(settings.surveyPolicy, process.env), ...overrides.surveyPolicy },
    sesMaxSendRate: overrides.sesMaxSendRate ?? sesMaxSendRateFrom(settings.sesMaxSendRate, process.env),
    surveyCampaign: { ...settings.surveyCampaign, ...overrides.surveyCampaign },
  });
  if (stack.edgeFirewall !== undefined) {
    // CloudFront takes only a web ACL of us-east-1: a stack of its own there, deployed first.
    const edge = new EdgeFirewallStack(app, `${stack.stackName}-EdgeFirewall`, {
      // The same precedence as the stack's props: explicit props over the stage's settings.
      requestsPerFiveMinutesPerIp: (overrides.edgeFirewall ?? settings.edgeFirewall)?.requestsPerFiveMinutesPerIp ?? DEFAULT_REQUESTS_PER_FIVE_MINUTES_PER_IP,
      publicRouteKeys: stack.edgeFirewall.publicRouteKeys,
      webAclParameterName: stack.edgeWebAclParameterName,
    });
    stack.addStackDependency(edge);
  }
  return stack;
}

/**
 * Requests one address may make to the public routes in five minutes behind the edge firewall: a
 * customer answering a survey or filing a complaint makes a handful; a script, hundreds.
 */
const DEFAULT_REQUESTS_PER_FIVE_MINUTES_PER_IP = 300;
