import { type ChildProcess, spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';

export const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** What `npm start` writes to local.json, as far as the CLI tests read it. */
interface LocalConnection {
  readonly apiUrl: string;
  readonly mailUrl: string;
  readonly controlUrl: string;
  readonly dynamodbEndpoint: string;
  readonly sqsEndpoint: string;
  readonly tableName: string;
  readonly queues: Record<string, { readonly url: string; readonly arn: string }>;
  readonly supervisorTokens: Record<string, string>;
}

export interface LocalPipelineProcess {
  /** The pipeline's LOCAL_DATA_DIR, a fresh folder under the system's temporary folder. */
  readonly dataDir: string;
  readonly connection: LocalConnection;
  /** Ctrl-C, as in the terminal it runs in; resolves when it has exited and its folder is gone. */
  stop(): Promise<void>;
}

/**
 * The environment of a newcomer's shell: the machine's PATH without this project's
 * `node_modules/.bin` and none of the `npm_*` variables `npm test` sets, so `npm`, `npx` and `node`
 * are found as a person typing the README's commands finds them.
 */
export function shellEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name) && name !== 'INIT_CWD');
  const path = (process.env['PATH'] ?? '')
    .split(':')
    .filter((entry) => !entry.includes('/node_modules/'))
    .join(':');
  return { ...Object.fromEntries(inherited), PATH: path, ...extra };
}

/**
 * Starts the real local pipeline as the README does (`npm start`, or `npm run dev`) in a
 * terminal of its own: a fresh data folder, a free port (PORT=0). Resolves once it has written
 * local.json, that is once it is ready.
 */
async function startPipelineProcess(commandLine: 'npm start' | 'npm run dev'): Promise<LocalPipelineProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cli-'));
  // Its own process group, as a terminal's foreground job: Ctrl-C signals npm and the pipeline together.
  const pipeline: ChildProcess = spawn('bash', ['-c', commandLine], {
    cwd: projectRoot,
    env: shellEnvironment({ PORT: '0', LOCAL_DATA_DIR: dataDir }),
    stdio: 'ignore',
    detached: true,
  });
  const exited = new Promise((resolve) => pipeline.once('exit', resolve));
  const stop = async (): Promise<void> => {
    if (pipeline.exitCode === null && pipeline.signalCode === null) {
      process.kill(-pipeline.pid!, 'SIGINT');
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 150_000;
  for (;;) {
    const text = await readFile(join(dataDir, 'local.json'), 'utf8').catch(() => undefined);
    if (text !== undefined) return { dataDir, connection: JSON.parse(text) as LocalConnection, stop };
    if (Date.now() > deadline || pipeline.exitCode !== null) {
      await stop();
      throw new Error(`${commandLine} did not become ready`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * The pipeline of a test file: started before its tests, stopped after them. Call the result
 * inside a test for the running pipeline.
 *
 * @example
 * const pipeline = pipelineForTheseTests('npm start');
 * it('…', () => runInSecondTerminal('npm run redrive', pipeline().dataDir));
 */
export function pipelineForTheseTests(commandLine: 'npm start' | 'npm run dev'): () => LocalPipelineProcess {
  let pipeline: LocalPipelineProcess | undefined;
  beforeAll(async () => {
    pipeline = await startPipelineProcess(commandLine);
  }, 180_000);
  afterAll(async () => {
    await pipeline?.stop();
  }, 60_000);
  return () => {
    if (pipeline === undefined) throw new Error(`${commandLine} is not running`);
    return pipeline;
  };
}

/**
 * Runs a command line with bash in the project folder, as typed in a second terminal next to the
 * pipeline: with the pipeline's LOCAL_DATA_DIR and the newcomer's PATH.
 *
 * @example
 * const result = runInSecondTerminal('npm run redrive', pipeline.dataDir);
 */
export function runInSecondTerminal(commandLine: string, dataDir: string, env: Record<string, string> = {}, timeoutMs = 150_000): SpawnSyncReturns<string> {
  return spawnSync('bash', ['-c', commandLine], {
    cwd: projectRoot,
    env: shellEnvironment({ LOCAL_DATA_DIR: dataDir, ...env }),
    encoding: 'utf8',
    timeout: timeoutMs,
  });
}

/** The JSON a command printed after npm's `> package script` banner. */
export function printedJson(stdout: string): unknown {
  const start = stdout.search(/^[[{]/m);
  if (start === -1) throw new Error(`No JSON in the output:\n${stdout}`);
  return JSON.parse(stdout.slice(start));
}
