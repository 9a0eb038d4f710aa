import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { performance } from 'node:perf_hooks';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { FauxqsServer } from 'fauxqs';
import { outputRef, resourcesOfType, type CfnTemplate } from './template/cloudformation-template.ts';
import { claimDataDir, requirePortFree } from './start-up/claim-start.ts';
import { describeFunctions, functionValues, type LambdaFunctionDefinition } from './template/describe-functions.ts';
import { hostFunction, type HostedFunction } from './functions/host-function.ts';
import { findIntegrationKey, findIntegrationKeySecret } from './gateway/find-integration-key.ts';
import { readHttpApiCors, type HttpApiCors } from './gateway/http-api-cors.ts';
import type { HttpApiRoute } from './gateway/http-api-routes.ts';
import { readHttpApiThrottling, type HttpApiThrottling } from './gateway/http-api-throttling.ts';
import { functionEnvironment, type EmulatorEndpoints } from './functions/function-environment.ts';
import { httpApiValues } from './template/http-api-values.ts';
import { openFunctionLog, type FunctionLog } from './functions/open-function-log.ts';
import { reloadFunctions, type FunctionReload } from './functions/reload-functions.ts';
import { localClientConfig, pseudoParameterRefs } from './emulators/local-aws.ts';
import { provisionQueues, queueValues, type LocalQueue } from './emulators/provision-queues.ts';
import { provisionTables, tableValues } from './emulators/provision-tables.ts';
import { EmulatorExitedError } from './emulators/emulator-exited-error.ts';
import { importSavedQueueMessages } from './emulators/import-saved-queue-messages.ts';
import { releaseAbandonedMessages } from './emulators/release-abandoned-messages.ts';
import { requireJava } from './emulators/require-java.ts';
import { mergeResourceValues } from './template/resolve-intrinsics.ts';
import { serveHttpApi, type LocalHttpApi } from './gateway/serve-http-api.ts';
import { serveDataBrowser, type LocalDataBrowser } from './emulators/serve-data-browser.ts';
import { serveSecrets, secretValues, type LocalSecretsEndpoint } from './emulators/serve-secrets.ts';
import { CognitoIdentityProviderClient, NotAuthorizedException } from '@aws-sdk/client-cognito-identity-provider';
import { type DemoAccount, provideDemoAccounts, signInForIdToken } from './auth/demo-accounts.ts';
import { type LocalUserPool, startLocalUserPool } from './auth/start-local-user-pool.ts';
import { localUserPoolValues } from './auth/user-pool-values.ts';
import { startDynamoDb, type LocalDynamoDb } from './emulators/start-dynamodb.ts';
import { seedSupervisorDirectory } from './cli/seed-supervisor-directory.ts';
import { startMail, type LocalMail } from './emulators/start-mail.ts';
import { startSqs } from './emulators/start-sqs.ts';
import { startQueuePollers, type QueueMapping, type QueuePollers } from './functions/start-queue-pollers.ts';
import { startStreamPollers, type StreamMapping, type StreamPollers } from './functions/start-stream-pollers.ts';
import { serveScheduleControl, type ScheduleControl } from './schedules/serve-schedule-control.ts';
import { startSchedules, type LocalScheduler } from './schedules/start-schedules.ts';
import { readRoutesAndSchedules } from './read-routes-and-schedules.ts';
import { synthesizePipelineApp } from './template/synthesize-pipeline-app.ts';
import { synthesizeTemplate, type CreateApp } from './template/synthesize-template.ts';

export interface LocalPipelineOptions {
  /** Where DynamoDB and fauxqs files, secrets, the cloud assembly and function logs live. */
  readonly dataDir: string;
  /** HTTP API port on 127.0.0.1; 0 picks a free one. @default 3000 */
  readonly port?: number;
  /** Start-up and runtime notes (cold starts, failed batches); function output goes to log files. */
  readonly log?: (line: string) => void;
  /**
   * Also receives each line a function writes, with the function's log name (its folder under
   * functions/), e.g. to print it in the terminal. @default log files only
   */
  readonly functionLog?: (logName: string, line: string) => void;
  /**
   * Replaces every queue's visibility timeout, so a failed message is retried after this many
   * seconds. For tests only: it departs from the template. @default the template's values
   */
  readonly visibilityTimeoutSeconds?: number;
  /**
   * Replaces every event source mapping's batching window, so a test's message is handled at
   * once. For tests only: it departs from the template. @default the template's values
   */
  readonly batchingWindowSeconds?: number;
  /** The CDK app to run. @default createPipelineApp from infra/pipeline-app.ts */
  readonly createApp?: CreateApp;
  /** Aborts the start: what has started is stopped, and the start rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /**
   * Called once when an emulator process (DynamoDB Local) dies while the pipeline runs; the
   * caller should then `stop()` it. @default logs the error's one-line message
   */
  readonly onEmulatorExit?: (error: EmulatorExitedError) => void;
  /**
   * Shifts the schedules' clock (fire times and event times) by this many milliseconds; functions
   * see it as LOCAL_CLOCK_OFFSET_MS. For demos and tests. @default 0
   */
  readonly clockOffsetMs?: number;
  /** Schedules fire only through the control endpoint, never on their expressions (tests). @default false */
  readonly schedulesOnDemandOnly?: boolean;
}

export interface LocalPipeline {
  readonly apiUrl: string;
  readonly dynamodbEndpoint: string;
  readonly sqsEndpoint: string;
  /** fauxqs' queue view (JSON): each queue's ready, in-flight and delayed messages; `/<name>` for one queue. */
  readonly queueViewUrl: string;
  /** dynamodb-admin over DynamoDB Local: browse the tables' items. */
  readonly dataBrowserUrl: string;
  /** aws-ses-v2-local: SES endpoint and web viewer of every email sent. */
  readonly mailUrl: string;
  readonly secretsEndpoint: string;
  /** Local control endpoint: `GET /schedules`, `POST /schedules/{name}/run`. */
  readonly controlUrl: string;
  /** The emulated Cognito user pool: its API endpoint, pool and console client ids. */
  readonly userPool: {
    readonly endpoint: string;
    readonly poolId: string;
    readonly clientId: string;
    readonly logicalId: string;
    readonly clientLogicalId: string;
  };
  /** `iss` of supervisor tokens (the pool's issuer), JWKS at `/.well-known/jwks.json` under it. */
  readonly authIssuerUrl: string;
  /** The demo users with their passwords; whether each must still choose a new one. */
  readonly demoUsers: readonly DemoAccount[];
  /** An ID token (an hour, as Cognito's) for each demo user start-up signed in, by userId; `npm run token -- <userId>` gets a fresh one. */
  readonly supervisorTokens: Record<string, string>;
  /** The feedback table (the `TableName` output's, else the template's first). */
  readonly tableName: string;
  /** The report counters' table (the `CountersTableName` output's). */
  readonly countersTableName: string;
  readonly tables: Record<string, string>;
  readonly queues: Record<string, { readonly url: string; readonly arn: string }>;
  /** Secret ARNs by logical id (the local Secrets Manager accepts them as SecretId). */
  readonly secrets: Record<string, string>;
  /** The local integration key: integration routes want `Authorization: Bearer <integrationKey>`. */
  readonly integrationKey?: string;
  /** The secret holding it, for `npm run admin -- rotate-integration-key`. */
  readonly integrationKeySecretArn?: string;
  readonly functions: string[];
  readonly timings: { readonly synthMs: number; readonly readyMs: number };
  /** What the running world was built with, read-only, for the fidelity test to hold against the template. */
  readonly world: LocalWorld;
  /**
   * Synthesizes again and swaps in every function whose bundle, environment or settings changed,
   * keeping the emulators and their data; reports resource changes only a restart applies.
   */
  reload(): Promise<FunctionReload>;
  /** Graceful: drains HTTP, pollers and invocations, stops every emulator (queues live in SQLite). */
  stop(): Promise<void>;
}

/** The configuration each running part of the local world was given. */
interface LocalWorld {
  readonly template: CfnTemplate;
  readonly routes: readonly HttpApiRoute[];
  readonly cors: HttpApiCors | undefined;
  readonly throttling: HttpApiThrottling;
  readonly queueMappings: readonly QueueMapping[];
  readonly streamMappings: readonly StreamMapping[];
  readonly schedules: LocalScheduler;
  /** Each hosted function's definition and the environment its workers see. */
  readonly functions: readonly { readonly definition: LambdaFunctionDefinition; readonly env: Readonly<Record<string, string>> }[];
}

interface Started {
  dynamodb?: LocalDynamoDb;
  fauxqs?: FauxqsServer;
  sqs?: SQSClient;
  queues?: LocalQueue[];
  mail?: LocalMail;
  dataBrowser?: LocalDataBrowser;
  secrets?: LocalSecretsEndpoint;
  userPool?: LocalUserPool;
  cognito?: CognitoIdentityProviderClient;
  api?: LocalHttpApi;
  functions?: Map<string, HostedFunction>;
  functionLogs?: FunctionLog[];
  pollers?: QueuePollers;
  streams?: DynamoDBStreamsClient;
  streamPollers?: StreamPollers;
  scheduler?: LocalScheduler;
  control?: ScheduleControl;
  releaseDataDir?: () => Promise<void>;
  /** Lets the requests the gateway holds reach their functions. */
  openGateway?: () => void;
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
  // Steps with the time since start, so a long first start shows where it is rather than silence.
  const step = (line: string): void => log(`+${((performance.now() - startedAt) / 1000).toFixed(1)} s  ${line}`);
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
  const assemblyOut = join(options.dataDir, 'cdk.out');
  const { stackName, template, assemblyDir, reused, warnings } =
    options.createApp === undefined
      ? await synthesizePipelineApp(assemblyOut, step)
      : await synthesizeTemplate(options.createApp, assemblyOut, { progress: step });
  // As `cdk synth` shows them (a holiday calendar about to end, say), on every start.
  for (const warning of warnings) log(`warning: ${warning}`);
  const synthMs = performance.now() - startedAt;
  const functionCount = resourcesOfType(template, 'AWS::Lambda::Function').length;
  step(
    `${reused ? 'reused the synthesized assembly (sources unchanged) of' : 'synthesized'} ${stackName}: ${functionCount} functions; starting the emulators…`,
  );
  aborted();

  started.mail = await startMail();
  const mail = started.mail;
  started.secrets = await serveSecrets(template, join(options.dataDir, 'secrets.json'));
  const secrets = started.secrets;
  started.userPool = await startLocalUserPool(template, join(options.dataDir, 'user-pool'), { mailEndpoint: mail.endpoint });
  const userPool = started.userPool;
  started.queues = await provisionQueues(fauxqs, started.sqs, template, { visibilityTimeoutSeconds: options.visibilityTimeoutSeconds });
  const released = await releaseAbandonedMessages(fauxqs, started.sqs, started.queues);
  if (released > 0) log(`${released} messages received by the previous run and not finished are visible again`);
  const imported = await importSavedQueueMessages(started.sqs, started.queues, join(options.dataDir, 'queues.json'));
  if (imported > 0) log(`sent ${imported} messages from queues.json (saved by an earlier version) to their queues`);
  await dynamodb.ready;
  const tables = await provisionTables(dynamodb.client, template);
  const tableOfOutput = (key: string) => tables.find((table) => table.logicalId === outputRef(template, key))?.tableName;
  // A stack without the output (a test's fixture) has one table.
  const feedbackTableName = tableOfOutput('TableName') ?? tables[0]?.tableName ?? '';
  // As the deploy guide's `npm run admin -- seed-directory` does once on AWS: config/ seeds a fresh
  // table's supervisor directory; a table that has one (edited since, perhaps) keeps it.
  const seeded = await seedSupervisorDirectory(dynamodb.client, feedbackTableName);
  if (seeded === 'seeded') log('seeded the supervisor directory from config/supervisor-directory.json');
  started.dataBrowser = await serveDataBrowser(dynamodb.client);
  aborted();

  const definitions = describeFunctions(template, assemblyDir);
  const parameterRefs = Object.entries(template.Parameters ?? {}).flatMap(([name, parameter]) =>
    parameter.Default === undefined ? [] : [[name, String(parameter.Default)] as const],
  );
  // The template's user pools are the emulated ones: JWT authorizers on them check their tokens.
  const userPools = localUserPoolValues(userPool);
  const values = mergeResourceValues(
    { refs: new Map([...pseudoParameterRefs(stackName), ...parameterRefs]), attributes: new Map() },
    tableValues(tables),
    queueValues(started.queues),
    secretValues(secrets.secrets),
    functionValues(definitions),
    userPools.values,
  );
  // Read before anything starts, so an authorizer the gateway cannot check or an expression
  // EventBridge would refuse stops the start at once.
  const { routes, schedules } = readRoutesAndSchedules(template, values, definitions, { localIssuerOf: userPools.localIssuerOf, log });
  const functions = new Map<string, HostedFunction>();
  const invoke = (functionName: string, event: unknown): Promise<unknown> => {
    const hosted = functions.get(functionName);
    return hosted === undefined ? Promise.reject(new Error(`No local function named ${functionName}`)) : hosted.invoke(event);
  };
  // The API listens before the functions start so that its URL can be resolved into their
  // environment, but no request reaches a function before the pipeline is ready: one taken during a
  // (re)start waits, rather than race every function's cold start on a machine busy starting them.
  const pipelineReady = Promise.withResolvers<void>();
  started.openGateway = pipelineReady.resolve;
  const invokeWhenReady = (functionName: string, event: unknown): Promise<unknown> => pipelineReady.promise.then(() => invoke(functionName, event));
  const cors = readHttpApiCors(template);
  const throttling = readHttpApiThrottling(template);
  started.api = await serveHttpApi({ port: options.port ?? 3000, routes, cors, throttling, invoke: invokeWhenReady });
  // The console calls the pool from its page, as it calls Cognito on AWS.
  const consolePort = new URL(started.api.url).port;
  for (const origin of [`http://127.0.0.1:${consolePort}`, `http://localhost:${consolePort}`]) userPool.allowOrigin(origin);
  const consolePool = userPool.pools[0];
  const consoleClientId = [...(consolePool?.clients.values() ?? [])][0] ?? '';
  started.cognito = new CognitoIdentityProviderClient(localClientConfig(userPool.endpoint));
  const poolClient = { cognito: started.cognito, poolId: consolePool?.poolId ?? '', clientId: consoleClientId };
  const demo =
    consolePool === undefined
      ? { accounts: [], created: false }
      : await provideDemoAccounts(poolClient, join(options.dataDir, 'user-pool', 'demo-passwords.json'));
  if (demo.created) {
    log(`demo users created in the local user pool (passwords printed once; all in ${join(options.dataDir, 'local.json')} while it runs):`);
    for (const account of demo.accounts)
      log(`  ${account.userId.padEnd(20)} ${account.password ?? ''}${account.mustChangePassword ? '  (must choose a new password at first sign-in)' : ''}`);
  }
  const supervisorTokens: Record<string, string> = {};
  for (const account of demo.accounts) {
    if (account.mustChangePassword || account.password === undefined) continue;
    // A demo user who reset their password in the console signs in with theirs now: no token, no failed start.
    const token = await signInForIdToken(poolClient, account.userId, account.password).catch((error: unknown) => {
      if (error instanceof NotAuthorizedException) return undefined;
      throw error;
    });
    if (token === undefined)
      log(`${account.userId} no longer signs in with the password start-up gave them (changed in the console?): no token for them in local.json`);
    else supervisorTokens[account.userId] = token;
  }
  const endpoints: EmulatorEndpoints = {
    dynamodbEndpoint: dynamodb.endpoint,
    sqsQueueUrl: started.queues[0]?.url ?? fauxqs.address,
    mailUrl: mail.endpoint,
    secretsEndpoint: secrets.endpoint,
    cognitoEndpoint: userPool.endpoint,
  };
  const environmentValues = mergeResourceValues(values, httpApiValues(template, started.api.url));

  started.functions = functions;
  started.functionLogs = [];
  const functionLogs = new Map<string, FunctionLog>();
  const hostedFunctions = new Map<string, LocalWorld['functions'][number]>();
  // Functions may read the offset to agree with the schedules' clock; none is set without one, as on AWS.
  const clockOffsetEnvironment: Record<string, string> = options.clockOffsetMs ? { LOCAL_CLOCK_OFFSET_MS: String(options.clockOffsetMs) } : {};
  const host = (definition: LambdaFunctionDefinition): HostedFunction => {
    const { logName } = definition;
    let functionLog = functionLogs.get(logName);
    if (functionLog === undefined) {
      functionLog = openFunctionLog(join(options.dataDir, 'logs', `${logName}.log`), options.functionLog && ((line) => options.functionLog?.(logName, line)));
      functionLogs.set(logName, functionLog);
      started.functionLogs?.push(functionLog);
    }
    const env = { ...functionEnvironment(definition, environmentValues, endpoints), ...clockOffsetEnvironment };
    hostedFunctions.set(definition.functionName, { definition, env });
    return hostFunction(definition, { env, logStream: functionLog.stream, log });
  };
  for (const definition of definitions) functions.set(definition.functionName, host(definition));
  step(`emulators ready; starting ${definitions.length} functions (cold starts)…`);
  // Cold starts happen now rather than on the first request, so the first requests are not slow.
  await Promise.all([...functions.values()].map((hosted) => hosted.warm()));
  aborted();

  started.pollers = startQueuePollers({
    template,
    values,
    queues: started.queues,
    sqs: started.sqs!,
    invoke,
    log,
    batchingWindowSeconds: options.batchingWindowSeconds,
  });
  started.streams = new DynamoDBStreamsClient(localClientConfig(dynamodb.endpoint));
  started.streamPollers = startStreamPollers({
    template,
    values,
    tables,
    queues: started.queues,
    dynamodb: dynamodb.client,
    streams: started.streams,
    sqs: started.sqs!,
    invoke,
    log,
    checkpointFile: join(options.dataDir, 'stream-checkpoints.json'),
  });
  started.scheduler = startSchedules({ schedules, invoke, log, clockOffsetMs: options.clockOffsetMs, onDemandOnly: options.schedulesOnDemandOnly });
  started.control = await serveScheduleControl(started.scheduler);

  const readyMs = performance.now() - startedAt;
  const integrationKey = findIntegrationKey(template, secrets.valuesByLogicalId);
  const integrationKeySecretId = findIntegrationKeySecret(template);
  const integrationKeySecretArn = secrets.secrets.find((secret) => secret.logicalId === integrationKeySecretId)?.arn;
  let current = template;
  let reloading = Promise.resolve<FunctionReload>({ reloaded: [], needsRestart: [] });
  const reload = (): Promise<FunctionReload> => {
    // One at a time: a save during a reload waits for it, then synthesizes again.
    reloading = reloading.then(async () => {
      const next =
        options.createApp === undefined
          ? await synthesizePipelineApp(assemblyOut, log)
          : await synthesizeTemplate(options.createApp, assemblyOut, { progress: log });
      if (next.reused) return { reloaded: [], needsRestart: [] };
      const nextDefinitions = describeFunctions(next.template, next.assemblyDir);
      const result = await reloadFunctions({ functions, before: current, after: next.template, nextDefinitions, host });
      current = next.template;
      return result;
    });
    return reloading;
  };
  const pipeline: LocalPipeline = {
    apiUrl: started.api.url,
    dynamodbEndpoint: dynamodb.endpoint,
    sqsEndpoint: fauxqs.address,
    // fauxqs' own inspection endpoint: every queue with its ready, in-flight and delayed counts.
    queueViewUrl: `${fauxqs.address}/_fauxqs/queues`,
    dataBrowserUrl: started.dataBrowser.url,
    mailUrl: mail.endpoint,
    secretsEndpoint: secrets.endpoint,
    controlUrl: started.control.url,
    userPool: {
      endpoint: userPool.endpoint,
      poolId: poolClient.poolId,
      clientId: consoleClientId,
      logicalId: consolePool?.logicalId ?? '',
      clientLogicalId: [...(consolePool?.clients.keys() ?? [])][0] ?? '',
    },
    authIssuerUrl: consolePool?.issuer ?? '',
    demoUsers: demo.accounts,
    supervisorTokens,
    tableName: feedbackTableName,
    countersTableName: tableOfOutput('CountersTableName') ?? '',
    tables: Object.fromEntries(tables.map((table) => [table.logicalId, table.tableName])),
    queues: Object.fromEntries(started.queues.map((queue) => [queue.logicalId, { url: queue.url, arn: queue.arn }])),
    secrets: Object.fromEntries(secrets.secrets.map((secret) => [secret.logicalId, secret.arn])),
    ...(integrationKey === undefined ? {} : { integrationKey }),
    ...(integrationKeySecretArn === undefined ? {} : { integrationKeySecretArn }),
    functions: [...functions.keys()],
    timings: { synthMs, readyMs },
    world: {
      template,
      routes,
      cors,
      throttling,
      queueMappings: started.pollers.mappings,
      streamMappings: started.streamPollers.mappings,
      schedules: started.scheduler,
      get functions() {
        return [...hostedFunctions.values()];
      },
    },
    reload,
    stop: () => stopAll(started),
  };
  started.openGateway();
  return pipeline;
}

/**
 * In dependency order: nothing new comes in, work in flight finishes, emulators go. Nothing needs
 * saving: fauxqs and DynamoDB Local wrote every change through as it happened.
 */
async function stopAll(started: Started): Promise<void> {
  started.stopping = true;
  // A start that failed or was stopped releases what the gateway holds: the functions still run.
  started.openGateway?.();
  await started.api?.stop();
  await started.control?.stop();
  await started.scheduler?.stop();
  await started.pollers?.stop();
  await started.streamPollers?.stop();
  await Promise.all([...(started.functions?.values() ?? [])].map((hosted) => hosted.stop()));
  await Promise.all((started.functionLogs ?? []).map((functionLog) => functionLog.close()));
  started.sqs?.destroy();
  started.streams?.destroy();
  started.cognito?.destroy();
  await Promise.all([
    started.fauxqs?.stop(),
    started.dataBrowser?.stop(),
    started.mail?.stop(),
    started.secrets?.stop(),
    started.userPool?.stop(),
    started.dynamodb?.stop(),
  ]);
  await started.releaseDataDir?.();
}
