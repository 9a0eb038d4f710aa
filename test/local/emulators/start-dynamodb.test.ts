import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requireJava, type JavaFound } from '../../../local/emulators/require-java.ts';
import { dynamoDbPidFile, startDynamoDb, type LocalDynamoDb } from '../../../local/emulators/start-dynamodb.ts';
import { foreignHosts, sendWithHeaders } from '../../helpers/send-with-headers.ts';

let dataDir: string;
let java: JavaFound;
beforeAll(async () => {
  java = await requireJava();
});
const started: LocalDynamoDb[] = [];
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'dynamodb-'));
});
afterEach(async () => {
  await Promise.all(started.splice(0).map((dynamodb) => dynamodb.stop()));
  await rm(dataDir, { recursive: true, force: true });
});

const isRunning = (pid: number) =>
  readFile(`/proc/${pid}/cmdline`, 'utf8').then(
    (text) => text.length > 0,
    () => false,
  );

describe('startDynamoDb', () => {
  it('stops a DynamoDB Local a killed run left on the same folder before starting its own', async () => {
    // Prepare: a run that never stopped its JVM (the parent was SIGKILLed), paused for good measure.
    const leftover = await startDynamoDb(dataDir, java);
    await leftover.ready;
    process.kill(leftover.pid, 'SIGSTOP');
    const lines: string[] = [];

    // Act
    const next = await startDynamoDb(dataDir, java, (line) => lines.push(line));
    started.push(next);
    await next.ready;

    // Assess
    expect(await isRunning(leftover.pid)).toBe(false);
    expect(lines).toEqual([expect.stringContaining(`stopped DynamoDB Local (pid ${leftover.pid}) left running on ${dataDir}`)]);
    expect(await readFile(dynamoDbPidFile(dataDir), 'utf8')).toBe(String(next.pid));
  }, 60_000);

  it('never signals a process the pid file names that is not DynamoDB Local on this folder', async () => {
    await writeFile(dynamoDbPidFile(dataDir), String(process.pid));

    const dynamodb = await startDynamoDb(dataDir, java);
    started.push(dynamodb);
    await dynamodb.ready;

    expect(await isRunning(process.pid)).toBe(true);
  }, 60_000);

  it('listens on 127.0.0.1 only, given a JDK', async () => {
    expect(java.runsSourceFiles).toBe(true); // the tests need a JDK, as the loopback launcher does

    const dynamodb = await startDynamoDb(dataDir, java);
    started.push(dynamodb);
    await dynamodb.ready;

    // Every 127.x address is loopback on Linux: a server on all interfaces would answer 127.0.0.2 too.
    const port = Number(new URL(dynamodb.endpoint).port);
    const answered = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.2');
      socket.once('connect', () => resolve(socket.destroy() !== undefined));
      socket.once('error', () => resolve(false));
    });
    expect(answered).toBe(false);
  }, 60_000);

  it('answers 421 to every Host but its own loopback names and port, given a JDK: it takes any credentials', async () => {
    const dynamodb = await startDynamoDb(dataDir, java);
    started.push(dynamodb);
    await dynamodb.ready;
    const port = Number(new URL(dynamodb.endpoint).port);
    // ListTables as the SDK sends it; DynamoDB Local checks no signature.
    const listTables = (host: string) =>
      sendWithHeaders(`${dynamodb.endpoint}/`, {
        method: 'POST',
        headers: {
          host,
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'DynamoDB_20120810.ListTables',
          authorization: 'AWS4-HMAC-SHA256 Credential=any/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
        },
        body: '{}',
      });

    const refused = await Promise.all(foreignHosts.map(async ([, host]) => (await listTables(host(port))).status));
    const served = await Promise.all([`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`].map(async (host) => (await listTables(host)).status));

    expect(refused).toEqual(foreignHosts.map(() => 421));
    expect(served).toEqual([200, 200, 200]);
  }, 60_000);

  it('reports the exit of a JVM that dies while running', async () => {
    const dynamodb = await startDynamoDb(dataDir, java);
    started.push(dynamodb);
    await dynamodb.ready;

    process.kill(dynamodb.pid, 'SIGKILL');

    expect(await dynamodb.exited).toEqual({ code: null, signal: 'SIGKILL' });
  }, 60_000);
});
