import { rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { startLocalPipeline, type LocalPipeline } from '../start-local-pipeline.ts';
import { PrerequisiteError } from '../start-up/prerequisite-error.ts';
import { printFunctionLogs } from '../functions/print-function-logs.ts';

// `npm start`: the whole pipeline on this machine, state under .data/ at the project root.
const dataDir = fileURLToPath(new URL('../../.data/', import.meta.url));
const port = Number(process.env['PORT'] ?? 3000);
const log = (line: string): void => console.log(`[local] ${line}`);

let pipeline: LocalPipeline;
try {
  pipeline = await startLocalPipeline({ dataDir, port, log, functionLog: printFunctionLogs(process.env, console.log) });
} catch (error) {
  // A missing prerequisite is one line to act on, not a stack trace.
  console.error(error instanceof PrerequisiteError ? error.message : error);
  process.exit(1);
}

const { stop, timings, ...connection } = pipeline;
await writeFile(`${dataDir}local.json`, `${JSON.stringify(connection, null, 2)}\n`);
console.log(
  [
    `Local pipeline ready in ${(timings.readyMs / 1000).toFixed(1)} s (synthesis ${(timings.synthMs / 1000).toFixed(1)} s)`,
    `  HTTP API      ${pipeline.apiUrl}`,
    `  Mail viewer   ${pipeline.mailUrl}`,
    `  DynamoDB      ${pipeline.dynamodbEndpoint}  (table ${pipeline.tableName})`,
    `  SQS           ${pipeline.sqsEndpoint}  (queue view ${pipeline.queueViewUrl})`,
    `  Data browser  ${pipeline.dataBrowserUrl}`,
    `  Functions     ${pipeline.functions.length}, logs in ${dataDir}logs/${process.env['LOCAL_LOGS'] === 'off' ? '' : ' and here (LOCAL_LOGS=off silences them)'}`,
    `  Connection details in ${dataDir}local.json; Ctrl-C stops.`,
  ].join('\n'),
);

let stopping = false;
const shutdown = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  log(`${signal}: stopping (draining requests and queues)`);
  // local.json describes a running pipeline (its ports change every start): it goes with it.
  stop()
    .then(() => rm(`${dataDir}local.json`, { force: true }))
    .then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
