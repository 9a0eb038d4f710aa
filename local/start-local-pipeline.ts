import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { FauxqsServer } from 'fauxqs';
import { resourcesOfType } from './template/cloudformation-template.ts';
import { claimDataDir, requirePortFree } from './start-up/claim-start.ts';
import { describeFunctions, functionValues } from './template/describe-functions.ts';
import { hostFunction, type HostedFunction } from './functions/host-function.ts';
import { readHttpApiCors } from './gateway/http-api-cors.ts';
import { readHttpApiRoutes } from './gateway/http-api-routes.ts';
import { localClientConfig, localCredentials, localRegion, pseudoParameterRefs } from './emulators/local-aws.ts';
import { provisionQueues, queueValues, type LocalQueue } from './emulators/provision-queues.ts';
import { provisionTables, tableValues } from './emulators/provision-tables.ts';
import { EmulatorExitedError } from './emulators/emulator-exited-error.ts';
import { importSavedQueueMessages } from './emulators/import-saved-queue-messages.ts';
import { releaseAbandonedMessages } from './emulators/release-abandoned-messages.ts';
import { requireJava } from './emulators/require-java.ts';
import { mergeResourceValues, resolveIntrinsics, type LocalResourceValues } from './template/resolve-intrinsics.ts';
import { serveHttpApi, type LocalHttpApi } from './gateway/serve-http-api.ts';
import { serveSecrets, secretValues, type LocalSecretsEndpoint } from './emulators/serve-secrets.ts';
import { startDynamoDb, type LocalDynamoDb } from './emulators/start-dynamodb.ts';
import { startMail, type LocalMail } from './emulators/start-mail.ts';
import { startSqs } from './emulators/start-sqs.ts';
import { startQueuePollers, type QueuePollers } from './functions/start-queue-pollers.ts';
import { sourceFingerprint } from './template/source-fingerprint.ts';
import { synthesizeTemplate, type CreateApp } from './template/synthesize-template.ts';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
// Everything the synthesized assembly depends on: the app, the function sources, the packages.
const PIPELINE_APP_SOURCES = ['infra', 'functions', 'package-lock.json', 'tsconfig.json'];

export interface LocalPipelineOptions {
  /** Where DynamoDB and fauxqs files, secrets, the cloud assembly and function logs live. */
  readonly dataDir: string;
  /** HTTP API port on 127.0.0.1; 0 picks a free one. @default 3000 */
  readonly port?: number;
  /** Start-up and runtime notes (cold starts, failed batches); function output goes to log files. */
  readonly log?: (line: string) => void;
  /**
   * Replaces every queue's visibility timeout, so a failed message is retried after this many
   * seconds. For tests only: it departs from the template. @default the template's values
   */
  readonly visibilityTimeoutSeconds?: number;
  /** The CDK app to run. @default createPipelineApp from infra/pipeline-app.ts */
  readonly createApp?: CreateApp;
  /** Aborts the start: what has started is stopped, and the start rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /**
   * Called once when an emulator process (DynamoDB Local) dies while the pipeline runs; the
   * caller should then `stop()` it. @default logs the error's one-line message
   */
  readonly onEmulatorExit?: (error: EmulatorExitedError) => void;
}

export interface LocalPipeline {
  readonly apiUrl: string;
  readonly dynamodbEndpoint: string;
  readonly sqsEndpoint: string;
  /** aws-ses-v2-local: SES endpoint and web viewer of every email sent. */
  readonly mailUrl: string;
  readonly secretsEndpoint: string;
  /** The first table of the template (the design has one). */
  readonly tableName: string;
  readonly tables: Record<string, string>;
  readonly queues: Record<string, { readonly url: string; readonly arn: string }>;
  readonly functions: string[];
  readonly timings: { readonly synthMs: number; readonly readyMs: number };
  /** Graceful: drains HTTP, pollers and invocations, stops every emulator (queues live in SQLite). */
  stop(): Promise<void>;
}

interface Started {
  dynamodb?: LocalDynamoDb;
  fauxqs?: FauxqsServer;
  sqs?: SQSClient;
  queues?: LocalQueue[];
  mail?: LocalMail;
  secrets?: LocalSecretsEndpoint;
  api?: LocalHttpApi;
  functions?: Map<string, HostedFunction>;
  logStreams?: WriteStream[];
  pollers?: QueuePollers;
  releaseDataDir?: () => Promise<void>;
  stopping?: boolean;
}

/**
 * Runs the whole pipeline on this machine from the synthesized template: DynamoDB Local, fauxqs,
 * aws-ses-v2-local, a local Secrets Manager, every function in worker threads, the HTTP API and
 * the SQS event source mappings.
 *
 * @example
 * const pipeline = await startLocalPipeline({ dataDir: '.data', port: 0 });
 * await fetch(`${pipeline.apiUrl}/complaints`, { method: 'POST', body });
 * await pipeline.stop();
 */
export async function startLocalPipeline(options: LocalPipelineOptions): Promise<LocalPipeline> {
  const started: Started = {};
  try {
    return await start(options, started);
  } catch (error) {
    await stopAll(started);
    throw error;
  }
}

async function start(options: LocalPipelineOptions, started: Started): Promise<LocalPipeline> {
  const log = options.log ?? (() => undefined);
  const aborted = (): void => options.signal?.throwIfAborted();
  const startedAt = performance.now();
  const java = await requireJava();
  await requirePortFree(options.port ?? 3000);
  await mkdir(join(options.dataDir, 'logs'), { recursive: true });
  started.releaseDataDir = await claimDataDir(options.dataDir);
  aborted();
  // The JVM boots while the CDK app synthesizes: the two longest steps overlap.
  started.dynamodb = await startDynamoDb(join(options.dataDir, 'dynamodb'), java, log);
  const dynamodb = started.dynamodb;
  void dynamodb.exited.then((how) => {
    if (started.stopping) return;
    const error = new EmulatorExitedError('DynamoDB Local', dynamodb.pid, how);
    (options.onEmulatorExit ?? ((exited: EmulatorExitedError) => log(exited.message)))(error);
  });
  // Every message is in fauxqs' SQLite file from the moment it is accepted; opening it first
  // means nothing below can fail in a way that touches it.
  started.fauxqs = await startSqs(join(options.dataDir, 'sqs'));
  const fauxqs = started.fauxqs;
  started.sqs = new SQSClient(localClientConfig(fauxqs.address));
  aborted();
  // The project's own app is fingerprinted so an unchanged one is not bundled again; a caller's
  // app (a test fixture) is always synthesized.
  const createApp = options.createApp ?? (await import('../infra/pipeline-app.ts')).createPipelineApp;
  const sourceFingerprintOfApp =
    options.createApp === undefined ? await sourceFingerprint(projectRoot, PIPELINE_APP_SOURCES) : undefined;
  const { stackName, template, assemblyDir, reused } = await synthesizeTemplate(createApp, join(options.dataDir, 'cdk.out'), {
    sourceFingerprint: sourceFingerprintOfApp,
  });
  const synthMs = performance.now() - startedAt;
  log(`${reused ? 'reused the synthesized assembly (sources unchanged) of' : 'synthesized'} ${stackName} in ${synthMs.toFixed(0)} ms`);
  aborted();

  started.mail = await startMail();
  const mail = started.mail;
  started.secrets = await serveSecrets(template, join(options.dataDir, 'secrets.json'));
  const secrets = started.secrets;
  started.queues = await provisionQueues(fauxqs, started.sqs, template, { visibilityTimeoutSeconds: options.visibilityTimeoutSeconds });
  const released = await releaseAbandonedMessages(fauxqs, started.sqs, started.queues);
  if (released > 0) log(`${released} messages received by the previous run and not finished are visible again`);
  const imported = await importSavedQueueMessages(started.sqs, started.queues, join(options.dataDir, 'queues.json'));
  if (imported > 0) log(`sent ${imported} messages from queues.json (saved by an earlier version) to their queues`);
  await dynamodb.ready;
  const tables = await provisionTables(dynamodb.client, template);
  aborted();

  const definitions = describeFunctions(template, assemblyDir);
  const parameterRefs = Object.entries(template.Parameters ?? {}).flatMap(([name, parameter]) =>
    parameter.Default === undefined ? [] : [[name, String(parameter.Default)] as const],
  );
  const values = mergeResourceValues(
    { refs: new Map([...pseudoParameterRefs(stackName), ...parameterRefs]), attributes: new Map() },
    tableValues(tables),
    queueValues(started.queues),
    secretValues(secrets.secrets),
    functionValues(definitions),
  );
  const functionNameByArn = new Map(definitions.map((definition) => [definition.arn, definition.functionName]));
  const routes = readHttpApiRoutes(template, values, (uri) => functionNameByArn.get(uri));
  const functions = new Map<string, HostedFunction>();
  const invoke = (functionName: string, event: unknown): Promise<unknown> => {
    const hosted = functions.get(functionName);
    return hosted === undefined ? Promise.reject(new Error(`No local function named ${functionName}`)) : hosted.invoke(event);
  };
  // The API listens before the functions start so that its URL can be resolved into their environment.
  started.api = await serveHttpApi({ port: options.port ?? 3000, routes, cors: readHttpApiCors(template), invoke });
  const endpoints = {
    AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint,
    // The origin of fauxqs' queue URLs: the SDK sends each call to its QueueUrl's host and warns on
    // every call whose endpoint differs (lambda-worker.mjs resolves *.localhost to loopback).
    AWS_ENDPOINT_URL_SQS: new URL(started.queues[0]?.url ?? fauxqs.address).origin,
    AWS_ENDPOINT_URL_SES: mail.endpoint,
    AWS_ENDPOINT_URL_SESV2: mail.endpoint,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
  };
  const environmentValues = mergeResourceValues(values, httpApiValues(template, started.api.url));

  started.functions = functions;
  started.logStreams = [];
  for (const definition of definitions) {
    const logStream = createWriteStream(join(options.dataDir, 'logs', `${definition.functionName}.log`), { flags: 'a' });
    started.logStreams.push(logStream);
    const env = { ...resolveEnvironment(definition.logicalId, definition.environment, environmentValues), ...endpoints, ...lambdaVariables(definition) };
    functions.set(definition.functionName, hostFunction(definition, { env, logStream, log }));
  }
  // Cold starts happen now rather than on the first request, so the first requests are not slow.
  await Promise.all([...functions.values()].map((hosted) => hosted.warm()));
  aborted();

  started.pollers = startQueuePollers({ template, values, queues: started.queues, sqs: started.sqs!, invoke, log });
  // Schedules (AWS::Scheduler::Schedule, AWS::Events::Rule) will plug in here as `startSchedules`,
  // driven like the pollers: read from the template, firing `invoke` on their expressions.
  const schedules = resourcesOfType(template, 'AWS::Scheduler::Schedule', 'AWS::Events::Rule');
  if (schedules.length > 0) log(`${schedules.length} schedule(s) are not fired locally yet: ${schedules.map(([id]) => id).join(', ')}`);

  const readyMs = performance.now() - startedAt;
  return {
    apiUrl: started.api.url,
    dynamodbEndpoint: dynamodb.endpoint,
    sqsEndpoint: fauxqs.address,
    mailUrl: mail.endpoint,
    secretsEndpoint: secrets.endpoint,
    tableName: tables[0]?.tableName ?? '',
    tables: Object.fromEntries(tables.map((table) => [table.logicalId, table.tableName])),
    queues: Object.fromEntries(started.queues.map((queue) => [queue.logicalId, { url: queue.url, arn: queue.arn }])),
    functions: [...functions.keys()],
    timings: { synthMs, readyMs },
    stop: () => stopAll(started),
  };
}

/**
 * In dependency order: nothing new comes in, work in flight finishes, emulators go. Nothing needs
 * saving: fauxqs and DynamoDB Local wrote every change through as it happened.
 */
async function stopAll(started: Started): Promise<void> {
  started.stopping = true;
  await started.api?.stop();
  await started.pollers?.stop();
  await Promise.all([...(started.functions?.values() ?? [])].map((hosted) => hosted.stop()));
  await Promise.all((started.logStreams ?? []).map((stream) => new Promise((resolve) => stream.end(resolve))));
  started.sqs?.destroy();
  await Promise.all([started.fauxqs?.stop(), started.mail?.stop(), started.secrets?.stop(), started.dynamodb?.stop()]);
  await started.releaseDataDir?.();
}

function resolveEnvironment(logicalId: string, variables: Record<string, unknown>, values: LocalResourceValues): Record<string, string> {
  const resolved = resolveIntrinsics(variables, values, `${logicalId} Environment.Variables`) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(resolved).filter(([, value]) => value !== undefined).map(([name, value]) => [name, String(value)]));
}

/** What the Lambda service sets in every execution environment, plus the local region and keys. */
function lambdaVariables(definition: { functionName: string; memorySize: number; modulePath: string }): Record<string, string> {
  return {
    AWS_REGION: localRegion,
    AWS_DEFAULT_REGION: localRegion,
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    AWS_LAMBDA_FUNCTION_NAME: definition.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(definition.memorySize),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${definition.functionName}`,
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x',
    LAMBDA_TASK_ROOT: join(definition.modulePath, '..'),
  };
}

/** `Ref` of an HTTP API is its id; `Fn::GetAtt` ApiEndpoint is the local gateway's URL. */
function httpApiValues(template: Parameters<typeof resourcesOfType>[0], apiUrl: string): LocalResourceValues {
  const apis = resourcesOfType(template, 'AWS::ApiGatewayV2::Api');
  return {
    refs: new Map(apis.map(([logicalId]) => [logicalId, 'local'])),
    attributes: new Map(apis.flatMap(([logicalId]) => [[`${logicalId}.ApiEndpoint`, apiUrl], [`${logicalId}.ApiId`, 'local']] as const)),
  };
}
