import { appendFile, mkdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { InvalidEscalationSettingsError } from '../../infra/escalation-settings.ts';
import { startLocalPipeline, type LocalPipeline } from '../start-local-pipeline.ts';
import { printFunctionLogs } from '../functions/print-function-logs.ts';
import { ClockOffsetError, parseClockOffset } from '../schedules/parse-clock-offset.ts';
import { PrerequisiteError } from '../start-up/prerequisite-error.ts';
import { writePrivateFile } from '../start-up/write-private-file.ts';
import { localDataDir } from './local-data-dir.ts';
import { watchSources } from './watch-sources.ts';

// `npm start`: the whole pipeline on this machine, state under .data/ (or LOCAL_DATA_DIR).
// `npm run dev` adds --watch: a saved change under functions/ or infra/ is re-bundled and the
// functions it touched are swapped in, while the emulators keep queued and stored data.
const dataDir = localDataDir(process.env);
const watching = process.argv.includes('--watch');
let stopWatching = (): void => undefined;
const log = (line: string): void => console.log(`[local] ${line}`);
// A closed terminal (SIGHUP) turns every later write to it into EIO; stopping must go on anyway.
process.stdout.on('error', () => undefined);
process.stderr.on('error', () => undefined);

const portText = process.env['PORT'] ?? '3000';
if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65_535) {
  console.error(`PORT must be a TCP port number from 0 to 65535 (0 picks a free one), not "${portText}".`);
  process.exit(1);
}

// LOCAL_CLOCK_OFFSET (+36h, -15m, PT36H) moves the schedules' clock, to show in minutes what
// happens hours or days later.
let clockOffsetMs = 0;
try {
  clockOffsetMs = parseClockOffset(process.env['LOCAL_CLOCK_OFFSET']);
} catch (error) {
  if (!(error instanceof ClockOffsetError)) throw error;
  console.error(error.message);
  process.exit(1);
}

// Handled from the first instant: a signal during start-up stops what has started, cleanly.
// SIGHUP (the terminal closed) is as graceful as Ctrl-C; fauxqs and DynamoDB Local have written
// every accepted message through already, so only a SIGKILL skips the clean stop, and loses
// nothing either.
const startUp = new AbortController();
let pipeline: LocalPipeline | undefined;
let stopping = false;
let startUpExitCode = 0;
const stop = (reason: string, exitCode: number): void => {
  if (stopping) return;
  stopping = true;
  if (pipeline === undefined) {
    log(`${reason}: stopping start-up`);
    startUpExitCode = exitCode;
    startUp.abort(new Error(reason));
    return;
  }
  log(`${reason}: stopping (draining requests and queues)`);
  stopWatching();
  // local.json describes a running pipeline (its ports change every start): it goes with it.
  pipeline
    .stop()
    .then(() => rm(`${dataDir}local.json`, { force: true }))
    .then(
      () => process.exit(exitCode),
      (error: unknown) => failed('Stopping the local pipeline failed', error),
    );
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => stop(signal, 0));

try {
  pipeline = await startLocalPipeline({
    dataDir,
    port: Number(portText),
    log,
    functionLog: printFunctionLogs(process.env, console.log),
    signal: startUp.signal,
    clockOffsetMs,
    onEmulatorExit: (error) => {
      console.error(error.message);
      stop('emulator exited', 1);
    },
  });
} catch (error) {
  if (startUp.signal.aborted) {
    log('stopped during start-up; nothing accepted is lost');
    process.exit(startUpExitCode);
  }
  // A missing prerequisite is one line to act on; anything else is one line too, its stack in a file.
  // So is a rules file the app refused (a holiday calendar that has ended): every line names file, line and field.
  if (error instanceof PrerequisiteError || error instanceof InvalidEscalationSettingsError) console.error(error.message);
  else await failed('The local pipeline failed to start', error);
  process.exit(1);
}

const { stop: _stop, reload: _reload, world: _world, timings, ...connection } = pipeline;
await writePrivateFile(`${dataDir}local.json`, `${JSON.stringify(connection, null, 2)}\n`);
console.log(
  [
    `Local pipeline ready in ${(timings.readyMs / 1000).toFixed(1)} s (synthesis ${(timings.synthMs / 1000).toFixed(1)} s)`,
    `  HTTP API      ${pipeline.apiUrl}`,
    `  Console       ${pipeline.apiUrl}/console  (sign in as a demo user: passwords in local.json; sup-cloud-eva's first sign-in sets a new one)`,
    `  Mail viewer   ${pipeline.mailUrl}`,
    `  DynamoDB      ${pipeline.dynamodbEndpoint}  (table ${pipeline.tableName})`,
    `  SQS           ${pipeline.sqsEndpoint}  (queue view ${pipeline.queueViewUrl})`,
    `  Data browser  ${pipeline.dataBrowserUrl}`,
    `  Schedules     ${pipeline.world.schedules.schedules.length}, listed at ${pipeline.controlUrl}/schedules (POST …/schedules/<name>/run fires one)${clockOffsetMs === 0 ? '' : `; clock offset ${process.env['LOCAL_CLOCK_OFFSET']?.trim()}, schedules' time now ${pipeline.world.schedules.now().toISOString()}`}`,
    `  User pool     ${pipeline.userPool.endpoint} (emulated Cognito, pool ${pipeline.userPool.poolId}); tokens for ${Object.keys(pipeline.supervisorTokens).length} demo users in local.json (npm run token -- <userId> signs one in again)`,
    `  Functions     ${pipeline.functions.length}, logs in ${dataDir}logs/${process.env['LOCAL_LOGS'] === 'off' ? '' : ' and here (LOCAL_LOGS=off silences them)'}`,
    // The key itself stays in the 0600 file, not in terminal scrollback.
    ...(pipeline.integrationKey === undefined
      ? []
      : [`  Integration   routes behind the authorizer want Authorization: Bearer <integrationKey from ${dataDir}local.json>`]),
    `  Connection details in ${dataDir}local.json; Ctrl-C stops.`,
    `  Try it        npm run demo (in another terminal) resolves sample cases and mails their surveys to the mail viewer`,
  ].join('\n'),
);
if (watching) {
  const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
  stopWatching = watchSources(projectRoot, ['functions', 'infra'], pipeline.reload, log);
  log('watching functions/ and infra/: a saved change re-bundles and swaps in the functions it touches');
}

/** One line on the terminal; the whole error, with its causes and stacks, in logs/start-up.log. */
async function failed(what: string, error: unknown): Promise<never> {
  const logFile = `${dataDir}logs/start-up.log`;
  const firstLine = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  await mkdir(`${dataDir}logs`, { recursive: true })
    .then(() => appendFile(logFile, `${new Date().toISOString()} ${what}\n${formatError(error)}\n`))
    .catch(() => undefined);
  console.error(`${what}: ${firstLine} (details in ${logFile})`);
  process.exit(1);
}

function formatError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause === undefined ? String(error.stack) : `${error.stack}\nCaused by: ${formatError(error.cause)}`;
}
