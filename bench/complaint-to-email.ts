// From `POST /complaints` to the assignee's email in the SES emulator, through the local
// pipeline: submit-complaint, the queue, store-complaint (1 BatchGetItem, 1 TransactWriteItems,
// then the fast path: per email a claim, SendEmail and mark-sent), aws-ses-v2-local. One
// complaint at a time, polling the mail store every 10 ms. Starts its own pipeline under
// .data/bench-complaint-email. Usage: npx tsx bench/complaint-to-email.ts [complaints=20]
import { rm } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startLocalPipeline } from '../local/start-local-pipeline.ts';
import { median, printTable } from './table.ts';

const count = Number(process.argv[2] ?? 20);
const dataDir = fileURLToPath(new URL('../.data/bench-complaint-email/', import.meta.url));
await rm(dataDir, { recursive: true, force: true });
const pipeline = await startLocalPipeline({ dataDir, port: 0 });

type StoredEmail = { readonly subject: string; readonly destination: { readonly to: readonly string[] } };
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;
const toSupervisor: number[] = [];
const toComplainant: number[] = [];
try {
  // One untimed complaint first: the consumer's and the mail store's cold starts are not the steady state.
  for (let i = 0; i <= count; i++) {
    const since = Math.floor(Date.now() / 1000) - 1;
    const startedAt = performance.now();
    const response = await fetch(`${pipeline.apiUrl}/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `bench-${i}@example.com`, category: 'slow-response', description: `Bench complaint ${i}` }),
    });
    if (response.status !== 202) throw new Error(`POST /complaints answered ${response.status}`);
    const { reference } = (await response.json()) as { reference: string };
    let supervisorAt: number | undefined;
    let complainantAt: number | undefined;
    while (supervisorAt === undefined || complainantAt === undefined) {
      if (performance.now() - startedAt > 30_000) throw new Error(`no emails for ${reference} within 30 s`);
      const { emails } = (await (await fetch(`${pipeline.mailUrl}/store?since=${since}`)).json()) as { emails: StoredEmail[] };
      const now = performance.now() - startedAt;
      const about = emails.filter((email) => email.subject.includes(reference));
      if (supervisorAt === undefined && about.some((email) => /assigned to you/.test(email.subject))) supervisorAt = now;
      if (complainantAt === undefined && about.some((email) => email.destination.to.includes(`bench-${i}@example.com`))) complainantAt = now;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    if (i === 0) continue;
    toSupervisor.push(supervisorAt);
    toComplainant.push(complainantAt);
  }
} finally {
  await pipeline.stop();
}

const row = (name: string, values: number[]) => [name, median(values).toFixed(0), percentile(values, 0.9).toFixed(0), Math.max(...values).toFixed(0)];
printTable(
  `Complaint POST to email in the SES emulator, local pipeline, ${count} complaints one after another (ms)`,
  ['email', 'median', 'p90', 'max'],
  [row('assignee (supervisor)', toSupervisor), row('complainant acknowledgement', toComplainant)],
);
