import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { demoDirectory } from '../auth/demo-directory.ts';
import { demoUserToken, type LocalPoolConnection } from '../auth/demo-accounts.ts';
import { localUserPoolValues } from '../auth/user-pool-values.ts';
import { localAccountId, localRegion, pseudoParameterRefs } from '../emulators/local-aws.ts';
import { queueValues, type LocalQueue } from '../emulators/provision-queues.ts';
import { tableValues } from '../emulators/provision-tables.ts';
import { secretValues } from '../emulators/serve-secrets.ts';
import { functionEnvironment } from '../functions/function-environment.ts';
import { hostFunction, InvocationError, type HostedFunction } from '../functions/host-function.ts';
import { openFunctionLog, type FunctionLog } from '../functions/open-function-log.ts';
import { printFunctionLogs } from '../functions/print-function-logs.ts';
import { sampleEvent } from '../functions/sample-event.ts';
import { readQueueMappings } from '../functions/start-queue-pollers.ts';
import { authorizeRoute } from '../gateway/authorize-route.ts';
import type { HttpApiRoute } from '../gateway/http-api-routes.ts';
import { jwtAuthorizer } from '../gateway/jwt-authorizer.ts';
import { lambdaAuthorizer } from '../gateway/lambda-authorizer.ts';
import { readRoutesAndSchedules } from '../read-routes-and-schedules.ts';
import type { CfnTemplate } from '../template/cloudformation-template.ts';
import { describeFunctions, functionValues, type LambdaFunctionDefinition } from '../template/describe-functions.ts';
import { httpApiValues } from '../template/http-api-values.ts';
import { mergeResourceValues, type LocalResourceValues } from '../template/resolve-intrinsics.ts';
import { synthesizePipelineApp } from '../template/synthesize-pipeline-app.ts';
import { localDataDir } from './local-data-dir.ts';

// `npm run invoke -- <function> [event.json]`: runs one function once, in a worker with its
// template environment, against the emulators of the running `npm start`, and prints its result.
const dataDir = localDataDir(process.env);
const usage = [
  'Usage: npm run invoke -- <function> [event.json]   (function: its folder under functions/, e.g. submit-complaint)',
  'Without a file it sends a sample event: a route function an HTTP API request with body {} (behind an authorizer, with',
  "the local integration key or the local admin's token, and what the authorizer passes on in requestContext.authorizer),",
  "a queue consumer one SQS record with body {}, a scheduled function its schedule's target input.",
].join('\n');

interface Connection extends LocalPoolConnection {
  readonly userPool: LocalPoolConnection['userPool'] & { readonly logicalId: string; readonly clientLogicalId: string };
  apiUrl: string;
  dynamodbEndpoint: string;
  sqsEndpoint: string;
  mailUrl: string;
  secretsEndpoint: string;
  authIssuerUrl: string;
  integrationKey?: string;
  tables: Record<string, string>;
  queues: Record<string, { url: string; arn: string }>;
  secrets?: Record<string, string>;
}

const fail = (message: string): never => {
  console.error(message);
  process.exit(1);
};
const note = (line: string): void => console.error(`[local] ${line}`);

const [name, eventFile] = process.argv.slice(2);
if (name === undefined || name === '--help') fail(usage);
const connection = await readFile(`${dataDir}local.json`, 'utf8').then(
  (text) => JSON.parse(text) as Connection,
  () => fail(`npm run invoke runs a function against the local pipeline's emulators, and none is running: start it with \`npm start\` in another terminal.`),
);
const eventFromFile =
  eventFile === undefined
    ? undefined
    : await readFile(eventFile, 'utf8').then(JSON.parse, (error: Error) => fail(`Cannot read ${eventFile}: ${error.message}`));

const { stackName, template, assemblyDir } = await synthesizePipelineApp(`${dataDir}cdk.out`, note);
const definitions = describeFunctions(template, assemblyDir);
const definition =
  definitions.find((candidate) => [candidate.logName, candidate.functionName, candidate.logicalId].includes(name!)) ??
  fail(`No function named ${name}. The functions are: ${definitions.map((candidate) => candidate.logName).join(', ')}`);

const queues: LocalQueue[] = Object.entries(connection.queues).map(([logicalId, { url, arn }]) => ({
  logicalId,
  url,
  arn,
  name: arn.split(':').at(-1) ?? logicalId,
}));
// The template's user pool is the running pipeline's emulated one, as in `npm start`.
const { userPool } = connection;
const userPools = localUserPoolValues({
  pools: [
    {
      logicalId: userPool.logicalId,
      poolId: userPool.poolId,
      issuer: connection.authIssuerUrl,
      clients: new Map([[userPool.clientLogicalId, userPool.clientId]]),
    },
  ],
});
const values = mergeResourceValues(connectionValues(connection, queues, template, stackName, definitions), userPools.values);
const { routes, schedules } = readRoutesAndSchedules(template, values, definitions, { localIssuerOf: userPools.localIssuerOf, log: () => undefined });
const print = printFunctionLogs(process.env, console.error);
const hosted = new Map<string, { hosted: HostedFunction; log: FunctionLog }>();
const invoke = (functionName: string, event: unknown): Promise<unknown> => {
  const target = definitions.find((candidate) => candidate.functionName === functionName);
  if (target === undefined) return Promise.reject(new Error(`No local function named ${functionName}`));
  let running = hosted.get(functionName);
  if (running === undefined) {
    const log = openFunctionLog(`${dataDir}logs/${target.logName}.log`, print && ((line) => print(target.logName, line)));
    const env = functionEnvironment(target, mergeResourceValues(values, httpApiValues(template, connection.apiUrl)), {
      dynamodbEndpoint: connection.dynamodbEndpoint,
      sqsQueueUrl: Object.values(connection.queues)[0]?.url ?? connection.sqsEndpoint,
      mailUrl: connection.mailUrl,
      secretsEndpoint: connection.secretsEndpoint,
      cognitoEndpoint: connection.userPool.endpoint,
    });
    running = { hosted: hostFunction(target, { env, logStream: log.stream, log: note, maxWorkers: 1 }), log };
    hosted.set(functionName, running);
  }
  return running.hosted.invoke(event);
};

let exitCode = 0;
try {
  const event = eventFromFile ?? (await sampleEventFor(definition));
  const result = await invoke(definition.functionName, event);
  console.log(JSON.stringify(result, null, 2));
} catch (error) {
  // As `aws lambda invoke` shows a function error: its type and message.
  const { errorType, message } = error instanceof InvocationError ? error : { errorType: 'Error', message: String(error) };
  console.log(JSON.stringify({ errorType, errorMessage: message }, null, 2));
  exitCode = 1;
} finally {
  for (const running of hosted.values()) {
    await running.hosted.stop();
    await running.log.close();
  }
}
process.exit(exitCode);

/** A sample of what the function's trigger in the template sends it, with a line on stderr saying what it is. */
async function sampleEventFor(target: LambdaFunctionDefinition): Promise<unknown> {
  const now = new Date();
  const route = routes.find((candidate) => candidate.functionName === target.functionName);
  if (route !== undefined) return authorizedSample(route, now);
  const mapping = readQueueMappings({ template, values, queues, log: () => undefined }).find((candidate) => candidate.functionName === target.functionName);
  if (mapping !== undefined) {
    // `{}` is no message of any consumer: it shows the consumer's refusal (a poison message); a file gives a real one.
    note(`sample event: one SQS record of ${mapping.queue.name} with body {}, which the consumer should refuse; give an event file with a real message`);
    return sampleEvent({ kind: 'queue', queueArn: mapping.queue.arn, region: localRegion }, now);
  }
  for (const schedule of schedules) {
    const scheduled = schedule.targets.find((candidate) => candidate.functionName === target.functionName);
    if (scheduled === undefined) continue;
    const event = sampleEvent({ kind: 'schedule', schedule, target: scheduled }, now);
    note(`sample event: what schedule ${schedule.name} sends when it fires now: ${JSON.stringify(event)}`);
    return event;
  }
  return fail(`${target.logName} has no route, queue or schedule to build a sample event from: give an event file.`);
}

/**
 * A sample request for the route; behind an authorizer, with the local credentials it accepts
 * (the integration key for a Lambda authorizer, an admin's token for a JWT one) and what the
 * authorizer then passes on, got by running it as the gateway does.
 */
async function authorizedSample(route: HttpApiRoute, now: Date): Promise<unknown> {
  const credential = route.authorizer === undefined ? undefined : 'issuer' in route.authorizer ? await adminToken() : connection.integrationKey;
  const event = sampleEvent(
    { kind: 'route', routeKey: route.routeKey, stage: route.stage },
    now,
    credential === undefined ? {} : { authorization: `Bearer ${credential}` },
  );
  const authorization = await authorizeRoute(
    lambdaAuthorizer(invoke, () => performance.now()),
    jwtAuthorizer(),
  )(route, event);
  if (!authorization.allowed) {
    return fail(`${route.authorizer?.name} refused the sample request for ${route.routeKey} (${authorization.response.statusCode}): give an event file.`);
  }
  if (authorization.authorizer !== undefined) Object.assign(event.requestContext, { authorizer: authorization.authorizer });
  note(
    `sample event: ${route.routeKey === '$default' ? 'GET /' : route.routeKey} with ${event.body ? `body ${event.body}` : 'no body'}` +
      (route.authorizer === undefined ? '' : `, passed by ${route.authorizer.name}: requestContext.authorizer ${JSON.stringify(authorization.authorizer)}`),
  );
  return event;
}

/** A token of the demo admin, signed in through the running pool (as `npm run token` does). */
async function adminToken(): Promise<string> {
  const admin = demoDirectory.find((user) => user.groups.includes('admin'))!;
  return demoUserToken(connection, admin.userId);
}

/** The values `Ref` and `Fn::GetAtt` take in the running pipeline, rebuilt from its local.json. */
function connectionValues(
  connection: Connection,
  queues: LocalQueue[],
  template: CfnTemplate,
  stackName: string,
  functions: LambdaFunctionDefinition[],
): LocalResourceValues {
  const parameterRefs = Object.entries(template.Parameters ?? {}).flatMap(([parameter, { Default }]) =>
    Default === undefined ? [] : [[parameter, String(Default)] as const],
  );
  return mergeResourceValues(
    { refs: new Map([...pseudoParameterRefs(stackName), ...parameterRefs]), attributes: new Map() },
    tableValues(
      Object.entries(connection.tables).map(([logicalId, tableName]) => ({
        logicalId,
        tableName,
        arn: `arn:aws:dynamodb:${localRegion}:${localAccountId}:table/${tableName}`,
      })),
    ),
    queueValues(queues),
    secretValues(Object.entries(connection.secrets ?? {}).map(([logicalId, arn]) => ({ logicalId, arn, name: logicalId }))),
    functionValues(functions),
  );
}
