// POST /complaints -> stored through the local pipeline: how long a customer's complaint takes
// from acceptance to storage (its status leaves `queued`: every complaint is stored
// `under_review`, its escalation opened in the same transaction). Starts its own pipeline under .data/bench-latency.
// Usage: npx tsx bench/local-latency.ts [complaints=20]
import { rm } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startLocalPipeline } from '../local/start-local-pipeline.ts';
import { median, printTable } from './table.ts';

const count = Number(process.argv[2] ?? 20);
const dataDir = fileURLToPath(new URL('../.data/bench-latency/', import.meta.url));
await rm(dataDir, { recursive: true, force: true });
const pipeline = await startLocalPipeline({ dataDir, port: 0 });

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;
const accept: number[] = [];
const stored: number[] = [];
try {
  for (let i = 0; i < count; i++) {
    const startedAt = performance.now();
    const response = await fetch(`${pipeline.apiUrl}/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bench@example.com', category: 'other', description: `latency run ${i}` }),
    });
    const { statusUrl } = (await response.json()) as { statusUrl: string };
    accept.push(performance.now() - startedAt);
    for (;;) {
      const status = (await (await fetch(statusUrl)).json()) as { status: string };
      if (status.status !== 'queued') break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    stored.push(performance.now() - startedAt);
  }
} finally {
  await pipeline.stop();
}

const row = (name: string, values: number[]) => [name, median(values).toFixed(1), percentile(values, 0.9).toFixed(1), Math.max(...values).toFixed(1)];
printTable(
  `Local pipeline, ${count} complaints one after another (ms; status polled every 5 ms)`,
  ['measure', 'median', 'p90', 'max'],
  [row('POST -> 202', accept), row('POST -> stored (status no longer queued)', stored)],
);
