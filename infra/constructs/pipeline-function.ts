import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
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
  /** One-minute periods an error or throttle alarm looks back over. */
  static readonly ALARM_WINDOW_MINUTES = 5;
  /** Minutes of that window with an error before {@link errorsAlarm} fires: a persistent failure, not one retried blip. */
  static readonly ERROR_MINUTES = 3;
  /** Minutes of that window with a throttled invocation before {@link throttlesAlarm} fires. */
  static readonly THROTTLE_MINUTES = 2;

  /** Its folder name under `functions/`, which is also its service name in logs and metrics. */
  public readonly name: string;
  public readonly fn: NodejsFunction;
  public readonly logGroup: LogGroup;
  /** The function threw or timed out in {@link PipelineFunction.ERROR_MINUTES} of the last {@link PipelineFunction.ALARM_WINDOW_MINUTES} minutes (docs/runbook.md#function-errors). */
  public readonly errorsAlarm: Alarm;
  /** Lambda refused invocations for want of concurrency in {@link PipelineFunction.THROTTLE_MINUTES} of the last {@link PipelineFunction.ALARM_WINDOW_MINUTES} minutes (docs/runbook.md#function-throttles). */
  public readonly throttlesAlarm: Alarm;

  constructor(scope: Construct, id: string, props: PipelineFunctionProps) {
    super(scope, id);
    this.name = props.name;
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
        // Stacks in error logs name the TypeScript file and line (bench:source-maps measures the init cost).
        NODE_OPTIONS: '--enable-source-maps',
        // The stack's name, so two stages in one account keep their figures (and alarms) apart.
        POWERTOOLS_METRICS_NAMESPACE: pipelineMetricsNamespace(this),
        ...props.environment,
      },
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        minify: true,
        // A map beside the bundle, without the sources' text: frames name file, line and column.
        sourceMap: true,
        sourcesContent: false,
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

    // Counted per minute, alarmed on a share of a five-minute window: a queue consumer's one failed
    // try is retried by SQS and an API blip is one customer's retry, but an error in most minutes is
    // a failure that fills a dead-letter queue or turns customers away.
    const perMinute = { period: Duration.minutes(1), statistic: 'Sum' };
    this.errorsAlarm = new Alarm(this, 'ErrorsAlarm', {
      alarmDescription: `${props.name} threw or timed out in ${PipelineFunction.ERROR_MINUTES} of the last ${PipelineFunction.ALARM_WINDOW_MINUTES} minutes. docs/runbook.md#function-errors`,
      metric: this.fn.metricErrors(perMinute),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: PipelineFunction.ALARM_WINDOW_MINUTES,
      datapointsToAlarm: PipelineFunction.ERROR_MINUTES,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.throttlesAlarm = new Alarm(this, 'ThrottlesAlarm', {
      alarmDescription: `${props.name} was refused invocations for want of concurrency in ${PipelineFunction.THROTTLE_MINUTES} of the last ${PipelineFunction.ALARM_WINDOW_MINUTES} minutes. docs/runbook.md#function-throttles`,
      metric: this.fn.metricThrottles(perMinute),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: PipelineFunction.ALARM_WINDOW_MINUTES,
      datapointsToAlarm: PipelineFunction.THROTTLE_MINUTES,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}

/** The CloudWatch namespace of the pipeline's own metrics: the stack's name, one per stage. */
export const pipelineMetricsNamespace = (scope: Construct): string => Stack.of(scope).stackName;
