// The supervisor API through the local pipeline: local gateway with its JWT authorizer (a real
// token of the local issuer, verified with jose), the supervisor-api function, DynamoDB Local.
// Seeds escalations straight through the store, then times one after another: GET /escalations,
// GET /escalations/{id}, POST .../claim, and a pair of simultaneous claims (one 200, one 409).
// Starts its own pipeline under .data/bench-supervisor. Usage: npx tsx bench/supervisor-latency.ts [escalations=20]
import { rm } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbEscalationStore } from '../functions/escalation/adapters/dynamodb-escalation-store.ts';
import { startLocalPipeline } from '../local/start-local-pipeline.ts';
import { anEscalation } from '../test/helpers/escalation-fixtures.ts';
import { median, printTable } from './table.ts';

const count = Number(process.argv[2] ?? 20);
const dataDir = fileURLToPath(new URL('../.data/bench-supervisor/', import.meta.url));
await rm(dataDir, { recursive: true, force: true });
const pipeline = await startLocalPipeline({ dataDir, port: 0 });
const store = new DynamoDbEscalationStore(
  new DynamoDBClient({ endpoint: pipeline.dynamodbEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
  pipeline.tableName,
);
const tokenOf = (userId: string) => ({ authorization: `Bearer ${pipeline.supervisorTokens[userId]}`, 'content-type': 'application/json' });
const timed = async (times: number[], send: () => Promise<Response>, expected: number) => {
  const startedAt = performance.now();
  const response = await send();
  await response.arrayBuffer();
  times.push(performance.now() - startedAt);
  if (response.status !== expected) throw new Error(`expected ${expected}, got ${response.status}`);
};

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;
const times = { list: [] as number[], get: [] as number[], claim: [] as number[], race: [] as number[] };
try {
  const ids: string[] = [];
  for (let i = 0; i < count * 2; i++) {
    const escalation = anEscalation();
    await store.create(escalation, `CMP-BENCH${String(i).padStart(3, '0')}`);
    ids.push(escalation.id);
  }
  for (let i = 0; i < count; i++) {
    await timed(times.list, () => fetch(`${pipeline.apiUrl}/escalations?limit=25`, { headers: tokenOf('sup-general-ana') }), 200);
    await timed(times.get, () => fetch(`${pipeline.apiUrl}/escalations/${ids[i]}`, { headers: tokenOf('sup-general-ana') }), 200);
    await timed(
      times.claim,
      () => fetch(`${pipeline.apiUrl}/escalations/${ids[i]}/claim`, { method: 'POST', headers: tokenOf('sup-general-ana'), body: '{}' }),
      200,
    );
    const startedAt = performance.now();
    const race = await Promise.all(
      ['sup-general-ana', 'sup-general-ben'].map((userId) =>
        fetch(`${pipeline.apiUrl}/escalations/${ids[count + i]}/claim`, { method: 'POST', headers: tokenOf(userId), body: '{}' }).then((r) => r.status),
      ),
    );
    times.race.push(performance.now() - startedAt);
    if (race.sort().join() !== '200,409') throw new Error(`a race answered ${race.join()}`);
  }
} finally {
  await pipeline.stop();
}

const row = (name: string, values: number[]) => [name, median(values).toFixed(1), percentile(values, 0.9).toFixed(1), Math.max(...values).toFixed(1)];
printTable(
  `Supervisor API through the local pipeline, ${count} rounds one after another (ms, token verified by the gateway each time)`,
  ['request', 'median', 'p90', 'max'],
  [
    row('GET /escalations (3 partitions)', times.list),
    row('GET /escalations/{id}', times.get),
    row('POST /escalations/{id}/claim', times.claim),
    row('two simultaneous claims (200 + 409)', times.race),
  ],
);
