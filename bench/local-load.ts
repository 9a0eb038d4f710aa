// The local pipeline under load: POST /feedback at RATE a second for SECONDS (DESIGN.md: 500/s
// for a minute, no errors, no loss, p99 of accept under 50 ms), then waits until every accepted
// submission is stored and counts what is missing.
// Usage: npx tsx bench/local-load.ts [rate=500] [seconds=60] [warm-up seconds=5]
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { BatchGetItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { createPipelineApp } from '../infra/pipeline-app.ts';
import { startLocalPipeline } from '../local/start-local-pipeline.ts';
import { median, printTable } from './table.ts';

const rate = Number(process.argv[2] ?? 500);
const seconds = Number(process.argv[3] ?? 60);
const warmupSeconds = Number(process.argv[4] ?? 5);
const dataDir = fileURLToPath(new URL('../.data/bench-load/', import.meta.url));
await rm(dataDir, { recursive: true, force: true });
// The stage throttle (50/s, burst 100 by default) is enforced locally as on AWS; a deployment that
// expects this load raises it, and so does the bench, so it measures the pipeline, not the throttle.
const pipeline = await startLocalPipeline({
  dataDir,
  port: 0,
  createApp: ({ outdir }) => createPipelineApp({ outdir, stack: { throttlingRateLimit: rate * 2, throttlingBurstLimit: rate * 2 } }),
});

interface LoadResult {
  total: number;
  warmup: number;
  sendingMs: number;
  latencies: number[];
  statuses: Record<string, number>;
  acceptedIds: string[];
}

const runGenerator = () =>
  new Promise<LoadResult>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('load-generator.ts', import.meta.url)), pipeline.apiUrl, String(rate), String(seconds), String(warmupSeconds)],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(output.trim().split('\n').at(-1)!) as LoadResult) : reject(new Error(`generator exited ${code}`)),
    );
  });

const countStored = async (ids: string[]): Promise<number> => {
  const client = new DynamoDBClient({
    endpoint: pipeline.dynamodbEndpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  let stored = 0;
  for (let i = 0; i < ids.length; i += 100) {
    let keys = ids.slice(i, i + 100).map((id) => marshall({ pk: `FEEDBACK#${id}`, sk: 'FEEDBACK' }));
    while (keys.length > 0) {
      const page = await client.send(new BatchGetItemCommand({ RequestItems: { [pipeline.tableName]: { Keys: keys, ProjectionExpression: 'pk' } } }));
      stored += page.Responses?.[pipeline.tableName]?.length ?? 0;
      keys = (page.UnprocessedKeys?.[pipeline.tableName]?.Keys ?? []) as typeof keys;
    }
  }
  client.destroy();
  return stored;
};

try {
  const result = await runGenerator();
  const drainStartedAt = Date.now();
  let stored = 0;
  while (Date.now() - drainStartedAt < 120_000) {
    stored = await countStored(result.acceptedIds);
    if (stored === result.acceptedIds.length) break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  const sorted = [...result.latencies].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!.toFixed(1);
  printTable(
    `Local pipeline, POST /feedback at ${rate}/s for ${seconds} s after ${warmupSeconds} s of warm-up`,
    ['figure', 'value'],
    [
      ['requests sent (with warm-up)', String(result.total)],
      ['offered rate achieved (/s)', (result.total / (result.sendingMs / 1000)).toFixed(0)],
      ['statuses', JSON.stringify(result.statuses)],
      ['accept latency median (ms, after warm-up)', median(result.latencies).toFixed(1)],
      ['accept latency p99 (ms)', at(0.99)],
      ['accept latency max (ms)', at(1)],
      ['accepted', String(result.acceptedIds.length)],
      ['stored', String(stored)],
      ['lost (accepted, not stored)', String(result.acceptedIds.length - stored)],
      ['drain after load (s)', ((Date.now() - drainStartedAt) / 1000).toFixed(1)],
    ],
  );
} finally {
  await pipeline.stop();
}
