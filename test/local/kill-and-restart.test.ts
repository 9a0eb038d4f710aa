import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../local/emulators/local-aws.ts';
import { validComplaint } from '../helpers/submissions.ts';

// The real `npm start` (local/cli/start.ts on this Node.js, the project's CDK app), each run in a
// child process of its own on one data folder, stopped every way a person or a machine stops it.
const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
let dataDir: string;

interface Run {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  waitFor(pattern: RegExp): Promise<RegExpExecArray>;
}

const startPipeline = (): Run => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/cli/start.ts'], {
    cwd: projectRoot,
    // Function logs off: the assertions read what the pipeline itself says (functions log their own retries).
    env: { ...process.env, LOCAL_DATA_DIR: dataDir, PORT: '0', LOCAL_LOGS: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters = new Set<() => void>();
  const append = (chunk: Buffer): void => {
    output += chunk.toString();
    for (const wake of waiters) wake();
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      for (const wake of waiters) wake();
      resolve({ code, signal });
    }),
  );
  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = (): void => {
        const match = pattern.exec(output);
        if (match !== null) {
          waiters.delete(check);
          resolve(match);
        } else if (child.exitCode !== null || child.signalCode !== null) {
          waiters.delete(check);
          reject(new Error(`The pipeline exited before printing ${pattern}:\n${output}`));
        }
      };
      waiters.add(check);
      check();
    });
  return { child, output: () => output, exited, waitFor };
};

const ready = async (run: Run): Promise<string> => (await run.waitFor(/HTTP API\s+(\S+)/))[1]!;

/** Java processes whose command line names this test's DynamoDB folder. */
const dynamoDbProcesses = async (): Promise<number[]> => {
  const folder = join(dataDir, 'dynamodb');
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
  const matches = await Promise.all(
    pids.map(async (pid) => {
      const commandLine = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
      return commandLine.includes('DynamoDBLocal.jar') && commandLine.split('\0').includes(folder) ? Number(pid) : undefined;
    }),
  );
  return matches.filter((pid) => pid !== undefined);
};

/** The one DynamoDB Local on this test's folder. */
const dynamoDbPid = async (): Promise<number> => {
  const pids = await dynamoDbProcesses();
  expect(pids).toHaveLength(1);
  return pids[0]!;
};

/** What the API answered 202 to, by way of stopping: description (unique) to complaint id. */
const accepted = new Map<string, Map<string, string>>();

/**
 * Posts complaints, eight at a time, until `stopAfter` are accepted and `stop` has been called,
 * then goes on until the pipeline refuses connections: the stop lands mid-stream.
 */
const submitUntilStopped = async (apiUrl: string, way: string, stopAfter: number, stop: () => void): Promise<void> => {
  const acceptedHere = new Map<string, string>();
  accepted.set(way, acceptedHere);
  let next = 0;
  let stopped = false;
  const worker = async (): Promise<void> => {
    for (;;) {
      const description = `${way} #${next++}`;
      let response: Response;
      try {
        response = await fetch(`${apiUrl}/complaints`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(validComplaint({ description })),
        });
      } catch {
        return; // the pipeline is gone: this one was never accepted
      }
      if (response.status === 202) acceptedHere.set(description, ((await response.json()) as { complaintId: string }).complaintId);
      else await response.body?.cancel();
      if (acceptedHere.size >= stopAfter && !stopped) {
        stopped = true;
        stop();
      }
      if (response.status === 503 || (stopped && response.status !== 202)) return;
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
};

beforeAll(async () => {
  await mkdir(join(projectRoot, '.data'), { recursive: true });
  dataDir = await mkdtemp(join(projectRoot, '.data', 'test-kill-'));
});

afterAll(async () => {
  for (const pid of await dynamoDbProcesses()) process.kill(pid, 'SIGKILL');
  await rm(dataDir, { recursive: true, force: true });
});

describe('the local pipeline stopped every way', () => {
  it('loses nothing when killed with SIGKILL mid-stream, its queue backlog and the JVM left behind', async () => {
    const run = startPipeline();
    const apiUrl = await ready(run);
    // DynamoDB paused: the consumers cannot store, so accepted messages pile up in the queue.
    process.kill(await dynamoDbPid(), 'SIGSTOP');

    await submitUntilStopped(apiUrl, 'SIGKILL mid-stream', 60, () => run.child.kill('SIGKILL'));

    expect((await run.exited).signal).toBe('SIGKILL');
    expect(accepted.get('SIGKILL mid-stream')!.size).toBeGreaterThanOrEqual(60);
  }, 150_000);

  it('takes DynamoDB Local down with it when killed with SIGKILL', async () => {
    const run = startPipeline();
    await ready(run);
    const jvm = await dynamoDbPid();

    run.child.kill('SIGKILL');

    expect((await run.exited).signal).toBe('SIGKILL');
    // Polled: the JVM notices its parent's end and shuts down in its own time.
    const deadline = Date.now() + 20_000;
    while ((await dynamoDbProcesses()).includes(jvm) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await dynamoDbProcesses()).toEqual([]);
  }, 150_000);

  it('loses nothing when killed with SIGKILL during start-up, after the queues opened', async () => {
    const run = startPipeline();
    await run.waitFor(/synthesized assembly|synthesized \w+ in/);
    run.child.kill('SIGKILL');

    expect((await run.exited).signal).toBe('SIGKILL');
  }, 60_000);

  it('stops cleanly on Ctrl-C during start-up, leaving no DynamoDB Local behind', async () => {
    const run = startPipeline();
    await run.waitFor(/synthesized assembly|synthesized \w+ in/);
    run.child.kill('SIGINT');

    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(run.output()).toContain('stopped during start-up');
    expect(await dynamoDbProcesses()).toEqual([]);
  }, 60_000);

  it('refuses a corrupt secrets file in one line naming it, and keeps the queues', async () => {
    const secretsFile = join(dataDir, 'secrets.json');
    const secrets = await readFile(secretsFile, 'utf8');
    await writeFile(secretsFile, '{"LinkSigningKey": ');
    try {
      const run = startPipeline();

      expect((await run.exited).code).toBe(1);
      const errorLines = run
        .output()
        .split('\n')
        .filter((line) => line.length > 0 && !line.startsWith('[local]'));
      expect(errorLines).toEqual([expect.stringContaining(`${secretsFile} is not valid JSON`)]);
      expect(await readFile(secretsFile, 'utf8')).toBe('{"LinkSigningKey": ');
    } finally {
      await writeFile(secretsFile, secrets);
    }
  }, 60_000);

  it('stops gracefully on SIGHUP (terminal closed) mid-stream', async () => {
    const run = startPipeline();
    const apiUrl = await ready(run);
    expect(await dynamoDbProcesses()).toHaveLength(1);
    const jvm = await dynamoDbPid();
    process.kill(jvm, 'SIGSTOP');

    await submitUntilStopped(apiUrl, 'SIGHUP mid-stream', 40, () => {
      run.child.kill('SIGHUP');
      process.kill(jvm, 'SIGCONT');
    });

    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(await dynamoDbProcesses()).toEqual([]);
  }, 90_000);

  it('says in one line that DynamoDB Local died, and stops', async () => {
    const run = startPipeline();
    await ready(run);
    const jvm = await dynamoDbPid();

    process.kill(jvm, 'SIGKILL');

    expect((await run.exited).code).toBe(1);
    expect(run.output()).toContain(`DynamoDB Local (pid ${jvm}) exited unexpectedly (SIGKILL)`);
    expect(run.output()).not.toMatch(/ECONNREFUSED|\n\s+at /);
  }, 90_000);

  it('stores every accepted complaint exactly once after the restart', async () => {
    const run = startPipeline();
    await ready(run);
    expect(await dynamoDbProcesses()).toHaveLength(1);
    const connection = JSON.parse(await readFile(join(dataDir, 'local.json'), 'utf8')) as { dynamodbEndpoint: string; tableName: string };
    const dynamodb = new DynamoDBClient(localClientConfig(connection.dynamodbEndpoint));
    const expected = [...accepted.values()].reduce((sum, byDescription) => sum + byDescription.size, 0);
    const storedDescriptions = async (): Promise<string[]> => {
      const descriptions: string[] = [];
      let ExclusiveStartKey: Record<string, any> | undefined;
      do {
        const page = await dynamodb.send(new ScanCommand({ TableName: connection.tableName, ExclusiveStartKey }));
        descriptions.push(...(page.Items ?? []).map((item) => String(unmarshall(item)['description'])));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return descriptions;
    };

    let stored: string[] = [];
    for (let attempt = 0; attempt < 300; attempt++) {
      stored = await storedDescriptions();
      if ([...accepted.values()].every((byDescription) => [...byDescription.keys()].every((description) => stored.includes(description)))) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    dynamodb.destroy();
    run.child.kill('SIGTERM');
    expect(await run.exited).toEqual({ code: 0, signal: null });

    const figures = [...accepted].map(([way, byDescription]) => {
      const copies = [...byDescription.keys()].map((description) => stored.filter((candidate) => candidate === description).length);
      return {
        way,
        accepted: byDescription.size,
        stored: copies.filter((count) => count >= 1).length,
        lost: copies.filter((count) => count === 0).length,
        doubled: copies.filter((count) => count > 1).length,
      };
    });
    console.log(`kill and restart figures:\n${figures.map((row) => JSON.stringify(row)).join('\n')}`);
    expect(figures.map(({ way, lost, doubled }) => ({ way, lost, doubled }))).toEqual([
      { way: 'SIGKILL mid-stream', lost: 0, doubled: 0 },
      { way: 'SIGHUP mid-stream', lost: 0, doubled: 0 },
    ]);
    expect(figures.reduce((sum, row) => sum + row.stored, 0)).toBe(expected);
  }, 120_000);
});
