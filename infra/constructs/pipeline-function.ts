import { Duration, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, type CfnFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { type ICommandHooks, LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { handlerEntryOf } from '../function-handlers.ts';

export interface PipelineFunctionProps {
  /** The function's folder (holding `handler.ts`) under its feature in `functions/`, e.g. `submit-complaint`; its name everywhere (service, logs). */
  readonly name: string;
  /** @default Duration.seconds(10) */
  readonly timeout?: Duration;
  /** @default 256 */
  readonly memorySize?: number;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /** @default - no extra variables */
  readonly environment?: Readonly<Record<string, string>>;
  /** Commands around esbuild's bundling, e.g. to build files the function serves. @default - none */
  readonly commandHooks?: ICommandHooks;
}

/**
 * The one place that fixes runtime, architecture, tracing, memory, timeout, logging and bundling
 * for every Lambda of the pipeline. Meant for synchronously invoked functions (HTTP API, SQS event
 * source mappings): an asynchronously invoked one needs an on-failure destination first.
 */
export class PipelineFunction extends Construct {
  public readonly fn: NodejsFunction;
  public readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: PipelineFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
    });
    // An own role with log-group-scoped writes replaces AWSLambdaBasicExecutionRole (AwsSolutions-IAM4).
    const role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    this.logGroup.grantWrite(role);

    this.fn = new NodejsFunction(this, 'Function', {
      entry: handlerEntryOf(props.name),
      handler: 'handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      tracing: Tracing.ACTIVE,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout ?? Duration.seconds(10),
      role,
      logGroup: this.logGroup,
      environment: {
        POWERTOOLS_SERVICE_NAME: props.name,
        POWERTOOLS_METRICS_NAMESPACE: 'SupportFeedbackPipeline',
        ...props.environment,
      },
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        minify: true,
        sourceMap: false,
        // esbuild's size summary for each of 23 bundles buries the synthesis' own messages;
        // warnings and errors still show (bench:size reports the sizes).
        logLevel: LogLevel.WARNING,
        // Local mode runs the same Node.js major as the Lambda runtime, so one target serves both.
        target: 'node24',
        mainFields: ['module', 'main'],
        // The AWS SDK is bundled too, so the deployed and the local run execute the same code.
        externalModules: [],
        banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
        ...(props.commandHooks === undefined ? {} : { commandHooks: props.commandHooks }),
      },
    });

    // Template metadata only (nothing deploys from it): the local runtime names log files after the folder.
    (this.fn.node.defaultChild as CfnFunction).addMetadata('pipeline:function-folder', props.name);

    Validations.of(this.fn).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason:
        'Pipeline functions are invoked synchronously (HTTP API, SQS event source mappings); a Lambda DLQ only catches asynchronous invocations, and failed queue messages go to the queue dead-letter queue.',
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Active tracing needs xray:PutTraceSegments and xray:PutTelemetryRecords, which have no resource-level permissions.',
    });
  }
}
