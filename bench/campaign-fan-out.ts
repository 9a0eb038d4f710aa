// A relationship campaign over 1,000 customers on the local pipeline: seeds customers seen this
// month, fires the campaign schedule from the control endpoint, waits until every chunk is
// consumed, and prints chunks, messages, elapsed time, the staggering span and DynamoDB requests
// per invitation (counted by the chunk consumer itself). The SES rate is scaled down (default
// 2/s) so 1,000 customers need several chunks, as 100,000 do at 14/s.
// Usage: npx tsx bench/campaign-fan-out.ts [customers=1000] [sesRatePerSecond=2]
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbCaseIntakeStore } from '../functions/surveys/adapters/dynamodb-case-intake-store.ts';
import { caseResolutionItems } from '../functions/surveys/core/case-resolution-items.ts';
import { planCampaignFanOut } from '../functions/surveys/core/plan-campaign-fan-out.ts';
import { CAMPAIGN_SCHEDULE_NAME } from '../infra/constructs/survey-campaigns.ts';
import { createPipelineApp } from '../infra/pipeline-app.ts';
import { startLocalPipeline } from '../local/start-local-pipeline.ts';
import { printTable } from './table.ts';

const customers = Number(process.argv[2] ?? 1000);
const rate = Number(process.argv[3] ?? 2);
const dataDir = fileURLToPath(new URL('../.data/bench-campaign/', import.meta.url));
await rm(dataDir, { recursive: true, force: true });

interface ChunkLog {
  customers: number;
  scheduled: number;
  dynamodbRequests: number;
  at: number;
}
const chunkLogs: ChunkLog[] = [];
let startSummary: Record<string, unknown> | undefined;
const pipeline = await startLocalPipeline({
  dataDir,
  port: 0,
  createApp: ({ outdir }) => createPipelineApp({ outdir, stack: { sesMaxSendRate: rate } }),
  functionLog: (_name, line) => {
    if (!line.startsWith('{')) return;
    const entry = JSON.parse(line) as Record<string, unknown>;
    if (entry.message === 'Campaign chunk invited') chunkLogs.push({ ...(entry as unknown as ChunkLog), at: performance.now() });
    if (entry.message === 'Campaign started') startSummary = entry;
  },
});

try {
  const store = new DynamoDbCaseIntakeStore(
    new DynamoDBClient({ endpoint: pipeline.dynamodbEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    pipeline.tableName,
  );
  const seenAt = new Date().toISOString();
  for (let i = 0; i < customers; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, customers - i) }, (_, j) => {
        const id = `bench-${String(i + j).padStart(6, '0')}`;
        const { contact, context } = caseResolutionItems({
          caseId: `CASE-${id}`,
          resolvedAt: seenAt,
          customer: { id, email: `${id}@example.com`, tier: 'standard' },
        });
        return store.saveCaseResolution(contact, context);
      }),
    );
  }

  const started = performance.now();
  const response = await fetch(`${pipeline.controlUrl}/schedules/${CAMPAIGN_SCHEDULE_NAME}/run`, { method: 'POST' });
  if (response.status !== 200) throw new Error(`firing the schedule answered ${response.status}: ${await response.text()}`);
  const startedMs = performance.now() - started;
  const deadline = Date.now() + 120_000;
  while (chunkLogs.reduce((sum, chunk) => sum + chunk.customers, 0) < customers) {
    if (Date.now() > deadline) throw new Error(`only ${chunkLogs.length} chunks consumed after 120 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const elapsedMs = Math.max(...chunkLogs.map((chunk) => chunk.at)) - started;
  const scheduled = chunkLogs.reduce((sum, chunk) => sum + chunk.scheduled, 0);
  const requests = chunkLogs.reduce((sum, chunk) => sum + chunk.dynamodbRequests, 0);
  const spanSeconds = (Date.parse(String(startSummary?.lastScheduledFor)) - Date.parse(String(startSummary?.startsAt))) / 1000;
  const atScale = planCampaignFanOut({ recipients: 100_000, sesRatePerSecond: 14, lambdaTimeoutSeconds: 60, safety: 0.5 });
  printTable(
    `Relationship campaign over ${customers} customers, SES rate scaled to ${rate}/s (local, 2 cores)`,
    ['figure', 'value'],
    [
      ['chunks (SQS messages)', String(chunkLogs.length)],
      ['SendMessageBatch calls', String(startSummary?.sendMessageBatches)],
      ['invitations scheduled', String(scheduled)],
      ['start-campaign (list, sample, enqueue)', `${startedMs.toFixed(0)} ms`],
      ['fire to last chunk consumed', `${elapsedMs.toFixed(0)} ms`],
      ['staggering span (first to last send time)', `${spanSeconds.toFixed(1)} s (${customers - 1} / ${rate} per s)`],
      ['DynamoDB requests per invitation (chunk consumer)', (requests / Math.max(1, scheduled)).toFixed(2)],
      ['at 100,000 and 14/s: chunks × size', `${atScale.chunkSizes.length} × ${atScale.chunkSizes.at(-1)}–${atScale.chunkSizes[0]}`],
      ['at 100,000 and 14/s: staggering span', `${(atScale.expectedSeconds / 3600).toFixed(2)} h`],
    ],
  );
} finally {
  await pipeline.stop();
}
