import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { cdkJsonContext } from './cdk-json-context.ts';
import { FeedbackPipelineStack, type FeedbackPipelineStackProps } from './feedback-pipeline-stack.ts';

export interface PipelineAppProps {
  /** Where the cloud assembly goes. @default - the CLI's `CDK_OUTDIR`, else a temporary directory */
  readonly outdir?: string;
  /** Props of the one stack, for a deployment's own settings. @default - the stack's defaults */
  readonly stack?: FeedbackPipelineStackProps;
}

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
  const stack = new FeedbackPipelineStack(app, 'SupportFeedbackPipeline', props.stack);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return { app, stack };
}
