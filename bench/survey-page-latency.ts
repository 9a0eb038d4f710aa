// The survey page through the local pipeline: GET /s/{token} (page), a JSON POST -> 202, and
// POST -> response stored (polled with GET Accept: application/json). Starts its own pipeline
// under .data/bench-survey-pages. Usage: npx tsx bench/survey-page-latency.ts [answers=20]
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { rm } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startLocalPipeline } from '../local/start-local-pipeline.ts';
import { sendInvitation } from '../test/helpers/survey-invitations.ts';
import { median, printTable } from './table.ts';

const count = Number(process.argv[2] ?? 20);
const dataDir = fileURLToPath(new URL('../.data/bench-survey-pages/', import.meta.url));
await rm(dataDir, { recursive: true, force: true });
const pipeline = await startLocalPipeline({ dataDir, port: 0 });
const dynamodb = new DynamoDBClient({
  endpoint: pipeline.dynamodbEndpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
const world = { apiUrl: pipeline.apiUrl, dynamodb, tableName: pipeline.tableName, secretsEndpoint: pipeline.secretsEndpoint, secrets: pipeline.secrets };

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;
const page: number[] = [];
const accept: number[] = [];
const stored: number[] = [];
try {
  for (let i = 0; i < count; i++) {
    const sent = await sendInvitation(world, { locale: i % 2 ? 'ja' : 'en' });
    let startedAt = performance.now();
    await (await fetch(sent.surveyUrl())).text();
    page.push(performance.now() - startedAt);
    startedAt = performance.now();
    await fetch(sent.surveyUrl(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ csat: 4, reasons: ['speed'] }) });
    accept.push(performance.now() - startedAt);
    for (;;) {
      const view = (await (await fetch(sent.surveyUrl(), { headers: { accept: 'application/json' } })).json()) as { status: string };
      if (view.status === 'answered') break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    stored.push(performance.now() - startedAt);
  }
} finally {
  await pipeline.stop();
}

const row = (name: string, values: number[]) => [name, median(values).toFixed(1), percentile(values, 0.9).toFixed(1), Math.max(...values).toFixed(1)];
printTable(
  `Local pipeline, ${count} survey answers one after another (ms; state polled every 5 ms)`,
  ['measure', 'median', 'p90', 'max'],
  [row('GET /s/{token} page', page), row('JSON POST -> 202', accept), row('POST -> answered', stored)],
);
