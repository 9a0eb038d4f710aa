import { mkdir, mkdtemp, readdir, readFile, readlink, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalPipeline, type LocalPipeline } from '../../local/start-local-pipeline.ts';
import { localClientConfig } from '../../local/emulators/local-aws.ts';
import { dynamoDbPidFile } from '../../local/emulators/start-dynamodb.ts';
import { sendWithHeaders } from '../helpers/send-with-headers.ts';
import { createFixtureApp } from './fixtures/fixture-app.ts';

// Under the project so the fixture bundles resolve the AWS SDK from its node_modules.
const projectDataDir = fileURLToPath(new URL('../../.data/', import.meta.url));

const clockOffsetMs = 36 * 3_600_000;

/** The TCP ports the processes listen on, from Linux's socket tables and their file descriptors. */
const listeningPorts = async (pids: readonly number[]): Promise<number[]> => {
  const inodes = new Set<string>();
  for (const pid of pids) {
    const fds = await readdir(`/proc/${pid}/fd`);
    for (const fd of fds) {
      const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode !== undefined) inodes.add(inode);
    }
  }
  const tables = await Promise.all(['/proc/net/tcp', '/proc/net/tcp6'].map((file) => readFile(file, 'utf8').catch(() => '')));
  const ports = tables.flatMap((table) =>
    table
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      // local_address is HEXIP:HEXPORT, st 0A is LISTEN, the inode is the tenth field.
      .filter((fields) => fields[3] === '0A' && inodes.has(fields[9] ?? ''))
      .map((fields) => Number.parseInt(fields[1]!.split(':')[1]!, 16)),
  );
  return [...new Set(ports)].sort((a, b) => a - b);
};

describe('the local pipeline on a fixture stack', () => {
  let pipeline: LocalPipeline;
  let dataDir: string;
  let dynamodb: DynamoDBClient;
  let sqs: SQSClient;
  const printed: Array<{ logName: string; line: string }> = [];

  beforeAll(async () => {
    await mkdir(projectDataDir, { recursive: true }); // a fresh clone has no .data/ yet
    dataDir = await mkdtemp(join(projectDataDir, 'test-local-'));
    pipeline = await startLocalPipeline({
      dataDir,
      port: 0,
      createApp: createFixtureApp,
      functionLog: (logName, line) => printed.push({ logName, line }),
      clockOffsetMs,
    });
    dynamodb = new DynamoDBClient(localClientConfig(pipeline.dynamodbEndpoint));
    sqs = new SQSClient(localClientConfig(pipeline.sqsEndpoint));
  });

  afterAll(async () => {
    await pipeline?.stop();
    dynamodb?.destroy();
    sqs?.destroy();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const queueUrl = (prefix: string) => Object.entries(pipeline.queues).find(([id]) => id.startsWith(prefix))![1].url;
  const eventually = async <T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  it('derives the functions, queues and table from the template', () => {
    expect(pipeline.functions).toHaveLength(5);
    expect(Object.keys(pipeline.queues)).toHaveLength(2);
    expect(pipeline.tableName).toMatch(/^ItemsTable/);
  });

  it('accepts a request through the route and stores it through the queue mapping', async () => {
    // Act
    const accepted = await fetch(`${pipeline.apiUrl}/items/item-1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ note: 'hello' }),
    });

    // Assess
    expect(accepted.status).toBe(202);
    expect(await accepted.json()).toEqual({ id: 'item-1' });
    const stored = await eventually(async () => {
      const item = await dynamodb.send(new GetItemCommand({ TableName: pipeline.tableName, Key: { pk: { S: 'item-1' } } }));
      return item.Item;
    });
    expect(stored['status']).toEqual({ S: 'stored' });
    const read = await fetch(`${pipeline.apiUrl}/items/item-1?lang=en&lang=ja`);
    expect(await read.json()).toMatchObject({ found: true, secretLength: 48, query: { lang: 'en,ja' } });
  });

  it("lists the template's schedules at the control endpoint", async () => {
    const response = await fetch(`${pipeline.controlUrl}/schedules`);
    const { schedules } = (await response.json()) as { schedules: Array<Record<string, unknown>> };

    expect(response.status).toBe(200);
    expect(new URL(pipeline.controlUrl).hostname).toBe('127.0.0.1');
    const recorder = pipeline.functions.find((name) => name.startsWith('RecordScheduleEvent'));
    expect(schedules).toEqual([
      expect.objectContaining({
        name: 'nightly-digest',
        expression: 'cron(0 3 * * ? *)',
        timeZone: 'Asia/Tokyo',
        state: 'ENABLED',
        targetFunctions: [recorder],
        // 03:00 in Tokyo is 18:00 UTC.
        nextFireTime: expect.stringMatching(/T18:00:00\.000Z$/),
      }),
      expect.objectContaining({ name: expect.stringMatching(/^EveryMinute/), type: 'AWS::Events::Rule', expression: 'rate(1 minute)', timeZone: 'UTC' }),
    ]);
  });

  it('fires a Scheduler schedule on demand with its Input, on the clock moved by the offset', async () => {
    // Act
    const response = await fetch(`${pipeline.controlUrl}/schedules/nightly-digest/run`, { method: 'POST' });

    // Assess: the fixture function answers with the event it received and the offset it sees.
    expect(response.status).toBe(200);
    const run = (await response.json()) as { targets: Array<{ outcome: string; result: { event: Record<string, string>; clockOffsetMs: string } }> };
    const [target] = run.targets;
    expect(target?.outcome).toBe('succeeded');
    expect(target?.result).toEqual({
      event: {
        kind: 'digest',
        scheduledTime: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
        schedule: 'arn:aws:scheduler:us-east-1:000000000000:schedule/default/nightly-digest',
      },
      clockOffsetMs: String(clockOffsetMs),
    });
    // About 36 hours ahead of this machine's clock (the minute either side absorbs the run itself).
    const aheadMs = Date.parse(target?.result.event['scheduledTime'] ?? '') - Date.now();
    expect(Math.abs(aheadMs - clockOffsetMs)).toBeLessThan(60_000);
  });

  it("fires an EventBridge rule on demand with aws.events' Scheduled Event", async () => {
    const listed = (await (await fetch(`${pipeline.controlUrl}/schedules`)).json()) as { schedules: Array<{ name: string; type: string }> };
    const rule = listed.schedules.find((schedule) => schedule.type === 'AWS::Events::Rule')!;

    const response = await fetch(`${pipeline.controlUrl}/schedules/${encodeURIComponent(rule.name)}/run`, { method: 'POST' });

    expect(response.status).toBe(200);
    const run = (await response.json()) as { targets: Array<{ result: { event: Record<string, unknown> } }> };
    expect(run.targets[0]?.result.event).toEqual({
      version: '0',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '000000000000',
      time: expect.stringMatching(/Z$/),
      region: 'us-east-1',
      resources: [`arn:aws:events:us-east-1:000000000000:rule/${rule.name}`],
      detail: {},
    });
  });

  it('answers 404 with a JSON error for a schedule the template does not have', async () => {
    const response = await fetch(`${pipeline.controlUrl}/schedules/nope/run`, { method: 'POST' });

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'schedule_not_found', message: 'No schedule named nope' } });
  });

  describe('a route behind a Lambda authorizer', () => {
    const resolved = (headers: Record<string, string>) =>
      fetch(`${pipeline.apiUrl}/cases/resolved`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json', ...headers } }).then(
        async (response) => ({ status: response.status, body: await response.json() }),
      );

    it("reports the authorizer's secret as integrationKey (what local.json holds)", () => {
      expect(pipeline.integrationKey).toMatch(/^[A-Za-z0-9]{48}$/);
    });

    it('answers 401 {"message":"Unauthorized"} without an Authorization header', async () => {
      expect(await resolved({})).toEqual({ status: 401, body: { message: 'Unauthorized' } });
    });

    it('answers 403 {"message":"Forbidden"} to a wrong key', async () => {
      expect(await resolved({ authorization: `Bearer ${'x'.repeat(48)}` })).toEqual({ status: 403, body: { message: 'Forbidden' } });
    });

    it("runs the route for Bearer <integrationKey>, with the authorizer's context", async () => {
      expect(await resolved({ authorization: `Bearer ${pipeline.integrationKey}` })).toEqual({
        status: 200,
        body: { authorizer: { lambda: { caller: 'fixture' } } },
      });
    });
  });

  it('answers 404 for a path no route matches', async () => {
    const response = await fetch(`${pipeline.apiUrl}/nowhere`);

    expect(response.status).toBe(404);
  });

  it('answers 413 above the 10 MB payload limit', async () => {
    const response = await fetch(`${pipeline.apiUrl}/items/big`, { method: 'POST', body: Buffer.alloc(10 * 1024 * 1024 + 1) });

    expect(response.status).toBe(413);
  });

  it('answers 500 with the API Gateway body when the function throws', async () => {
    // The fixture handler fails on a body that is not JSON.
    const response = await fetch(`${pipeline.apiUrl}/items/bad`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });

    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ message: 'Internal Server Error' });
    const log = await readFile(join(dataDir, 'logs', `${pipeline.functions.find((name) => name.startsWith('AcceptItem'))}.log`), 'utf8');
    expect(log).toContain('Invoke Error');
  });

  it('stops a consumer that runs past its timeout and gets the message again after the visibility timeout', async () => {
    // Act: store-item (timeout 1 s) sleeps 3 s on the first delivery; the queue's visibility timeout is 2 s.
    await fetch(`${pipeline.apiUrl}/items/slow-1`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"sleepOnFirstReceiveMs":3000}' });

    // Assess
    const stored = await eventually(async () => {
      const item = await dynamodb.send(new GetItemCommand({ TableName: pipeline.tableName, Key: { pk: { S: 'slow-1' } } }));
      return item.Item;
    });
    expect(stored['receiveCount']).toEqual({ N: '2' });
    // Named by the function's folder (template metadata), not its CloudFormation id.
    const log = await readFile(join(dataDir, 'logs', 'store-item.log'), 'utf8');
    expect(log).toMatch(/Z [0-9a-f-]{36} Task timed out after 1\.00 seconds\n/);
    expect(printed.filter(({ logName }) => logName === 'store-item').map(({ line }) => line)).toContainEqual(
      expect.stringContaining('Task timed out after 1.00 seconds'),
    );
  });

  it('writes no Node.js version warning of the AWS SDK to any function log', async () => {
    const logsDir = join(dataDir, 'logs');
    const logs = await Promise.all((await readdir(logsDir)).map((file) => readFile(join(logsDir, file), 'utf8')));

    expect(logs.length).toBeGreaterThan(0);
    expect(logs.join('\n')).not.toMatch(/NodeVersionSupportWarning|NodeDeprecationWarning/);
  });

  it('refuses a DNS-rebinding Host on every port it listens on, DynamoDB Local’s included', async () => {
    const dynamoDbPid = Number(await readFile(dynamoDbPidFile(join(dataDir, 'dynamodb')), 'utf8'));
    const ports = await listeningPorts([process.pid, dynamoDbPid]);
    const named = [
      pipeline.apiUrl,
      pipeline.controlUrl,
      pipeline.secretsEndpoint,
      pipeline.authIssuerUrl,
      pipeline.dataBrowserUrl,
      pipeline.mailUrl,
      pipeline.sqsEndpoint,
      pipeline.dynamodbEndpoint,
    ].map((url) => Number(new URL(url).port));

    const answers = await Promise.all(
      ports.map(async (port) => [port, (await sendWithHeaders(`http://127.0.0.1:${port}/`, { headers: { host: `rebound.example:${port}` } })).status]),
    );

    // Every server the pipeline names is among them, so none can hide from this check.
    expect(ports).toEqual(expect.arrayContaining(named));
    // The gateway answers API Gateway's 403 for a Host it has no API for, every other server 421.
    expect(answers).toEqual(ports.map((port) => [port, port === named[0] ? 403 : 421]));
  });

  it('moves a message that always fails to the dead-letter queue after maxReceiveCount', async () => {
    // Act
    await fetch(`${pipeline.apiUrl}/items/poison-1`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"poison":true}' });

    // Assess: visibility timeout 2 s, maxReceiveCount 2, so it moves after the third receive.
    const dlqUrl = queueUrl('ItemsDlq');
    await eventually(async () => {
      const attributes = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['ApproximateNumberOfMessages'] }));
      return attributes.Attributes?.['ApproximateNumberOfMessages'] === '1' ? true : undefined;
    }, 30_000);
    const dead = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlqUrl, VisibilityTimeout: 0 }));
    expect(JSON.parse(dead.Messages?.[0]?.Body ?? '{}')).toEqual({ id: 'poison-1', poison: true });
  });

  it('keeps queued messages, dead letters included, from one start to the next', async () => {
    // Act
    await pipeline.stop();
    pipeline = await startLocalPipeline({ dataDir, port: 0, createApp: createFixtureApp });
    // Every start picks new free ports.
    sqs.destroy();
    sqs = new SQSClient(localClientConfig(pipeline.sqsEndpoint));
    dynamodb.destroy();
    dynamodb = new DynamoDBClient(localClientConfig(pipeline.dynamodbEndpoint));

    // Assess
    const attributes = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl('ItemsDlq'), AttributeNames: ['ApproximateNumberOfMessages'] }));
    expect(attributes.Attributes?.['ApproximateNumberOfMessages']).toBe('1');
    const item = await dynamodb.send(new GetItemCommand({ TableName: pipeline.tableName, Key: { pk: { S: 'item-1' } } }));
    expect(item.Item).toBeDefined();
  });
});
