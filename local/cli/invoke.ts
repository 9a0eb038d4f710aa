import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { localAccountId, localRegion, pseudoParameterRefs } from '../emulators/local-aws.ts';
import { queueValues } from '../emulators/provision-queues.ts';
import { tableValues } from '../emulators/provision-tables.ts';
import { secretValues } from '../emulators/serve-secrets.ts';
import { functionEnvironment } from '../functions/function-environment.ts';
import { hostFunction, InvocationError } from '../functions/host-function.ts';
import { openFunctionLog } from '../functions/open-function-log.ts';
import { printFunctionLogs } from '../functions/print-function-logs.ts';
import { sampleEvent, type FunctionTrigger } from '../functions/sample-event.ts';
import { readHttpApiRoutes } from '../gateway/http-api-routes.ts';
import { readResources, type CfnTemplate } from '../template/cloudformation-template.ts';
import { describeFunctions, functionValues, type LambdaFunctionDefinition } from '../template/describe-functions.ts';
import { httpApiValues } from '../template/http-api-values.ts';
import { mergeResourceValues, resolveIntrinsics, type LocalResourceValues } from '../template/resolve-intrinsics.ts';
import { synthesizePipelineApp } from '../template/synthesize-pipeline-app.ts';

// `npm run invoke -- <function> [event.json]`: runs one function once, in a worker with its
// template environment, against the emulators of the running `npm start`, and prints its result.
const dataDir = fileURLToPath(new URL('../../.data/', import.meta.url));
const usage = 'Usage: npm run invoke -- <function> [event.json]   (function: its folder under functions/, e.g. submit-complaint)';

interface Connection {
  apiUrl: string;
  dynamodbEndpoint: string;
  sqsEndpoint: string;
  mailUrl: string;
  secretsEndpoint: string;
  tables: Record<string, string>;
  queues: Record<string, { url: string; arn: string }>;
  secrets?: Record<string, string>;
}

const fail = (message: string): never => {
  console.error(message);
  process.exit(1);
};

const [name, eventFile] = process.argv.slice(2);
if (name === undefined || name === '--help') fail(usage);
const connection = await readFile(`${dataDir}local.json`, 'utf8').then(
  (text) => JSON.parse(text) as Connection,
  () => fail(`npm run invoke runs a function against the local pipeline's emulators, and none is running: start it with \`npm start\` in another terminal.`),
);
const event =
  eventFile === undefined
    ? undefined
    : await readFile(eventFile, 'utf8').then(JSON.parse, (error: Error) => fail(`Cannot read ${eventFile}: ${error.message}`));

const { stackName, template, assemblyDir } = await synthesizePipelineApp(`${dataDir}cdk.out`, (line) => console.error(`[local] ${line}`));
const definitions = describeFunctions(template, assemblyDir);
const definition =
  definitions.find((candidate) => [candidate.logName, candidate.functionName, candidate.logicalId].includes(name!)) ??
  fail(`No function named ${name}. The functions are: ${definitions.map((candidate) => candidate.logName).join(', ')}`);

const values = connectionValues(connection, template, stackName, definitions);
const print = printFunctionLogs(process.env, console.error);
const functionLog = openFunctionLog(`${dataDir}logs/${definition.logName}.log`, print && ((line) => print(definition.logName, line)));
const hosted = hostFunction(definition, {
  env: functionEnvironment(definition, values, {
    dynamodbEndpoint: connection.dynamodbEndpoint,
    sqsQueueUrl: Object.values(connection.queues)[0]?.url ?? connection.sqsEndpoint,
    mailUrl: connection.mailUrl,
    secretsEndpoint: connection.secretsEndpoint,
  }),
  logStream: functionLog.stream,
  log: (line) => console.error(`[local] ${line}`),
  maxWorkers: 1,
});

let exitCode = 0;
try {
  const trigger = triggerOf(definition, template, values);
  if (event === undefined && trigger === undefined) fail(`${definition.logName} has no route or queue to build a sample event from: give an event file.`);
  const result = await hosted.invoke(event ?? sampleEvent(trigger!, new Date()));
  console.log(JSON.stringify(result, null, 2));
} catch (error) {
  // As `aws lambda invoke` shows a function error: its type and message.
  const { errorType, message } = error instanceof InvocationError ? error : { errorType: 'Error', message: String(error) };
  console.log(JSON.stringify({ errorType, errorMessage: message }, null, 2));
  exitCode = 1;
} finally {
  await hosted.stop();
  await functionLog.close();
}
process.exit(exitCode);

/** The values `Ref` and `Fn::GetAtt` take in the running pipeline, rebuilt from its local.json. */
function connectionValues(connection: Connection, template: CfnTemplate, stackName: string, functions: LambdaFunctionDefinition[]): LocalResourceValues {
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
    queueValues(Object.entries(connection.queues).map(([logicalId, { url, arn }]) => ({ logicalId, url, arn, name: arn.split(':').at(-1) ?? logicalId }))),
    secretValues(Object.entries(connection.secrets ?? {}).map(([logicalId, arn]) => ({ logicalId, arn, name: logicalId }))),
    functionValues(functions),
    httpApiValues(template, connection.apiUrl),
  );
}

/** The route or the queue that invokes the function in the template, if any. */
function triggerOf(definition: LambdaFunctionDefinition, template: CfnTemplate, values: LocalResourceValues): FunctionTrigger | undefined {
  const functionNameByArn = new Map(definitions.map((candidate) => [candidate.arn, candidate.functionName]));
  const route = readHttpApiRoutes(template, values, (arn) => functionNameByArn.get(arn)).find(
    (candidate) => candidate.functionName === definition.functionName,
  );
  if (route !== undefined) return { kind: 'route', routeKey: route.routeKey, stage: route.stage };
  const mapping = readResources(template, 'AWS::Lambda::EventSourceMapping').find(
    ([logicalId, props]) =>
      String(resolveIntrinsics(props.FunctionName, values, `${logicalId} FunctionName`))
        .split(':')
        .at(-1) === definition.functionName,
  );
  if (mapping === undefined) return undefined;
  const queueArn = String(resolveIntrinsics(mapping[1].EventSourceArn, values, `${mapping[0]} EventSourceArn`));
  return { kind: 'queue', queueArn, region: localRegion };
}
