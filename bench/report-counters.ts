// The report counters under a busy day's answers, in this process against DynamoDB Local:
//  1. writes: answers fed in stream batches of 100 (as Lambda delivers them) to the consumer's core
//     and adapter (applyStreamChanges, DynamoDbCounterStore), counting transactions, items and the
//     writes each counter item takes, so the hottest counter's write rate per answer is known;
//  2. reads: a quarter's summary by week with a breakdown by agent, after N answers and after
//     10 N, counting Queries and items read;
//  3. the same reads after 10,000 and 1,000,000 answers, their counters summed in memory and
//     written once (a million answers through the consumer would take hours on DynamoDB Local).
// Usage: npm run bench:counters -- [answers=1000] [--scale 10000,1000000] (about 5 minutes at the defaults here)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbCounterStore } from '../functions/reports/adapters/dynamodb-counter-store.ts';
import { applyStreamChanges, COUNTER_SHARDS, type CounterStore, type StreamChange } from '../functions/reports/core/apply-stream-changes.ts';
import { addTally, type CounterCell, changeOf, isOverallDimension, type Tally } from '../functions/reports/core/counter-tally.ts';
import { summarizeReports } from '../functions/reports/core/summarize-reports.ts';
import { requireJava } from '../local/emulators/require-java.ts';
import { startDynamoDb } from '../local/emulators/start-dynamodb.ts';
import { createPkSkTable } from '../test/helpers/pk-sk-table.ts';
import { printTable } from './table.ts';

const answers = Number(process.argv[2] ?? 1000);
// The volumes the reads are measured at besides (`--scale 10000,1000000`, the default).
const scaleArgument = process.argv.indexOf('--scale');
const scale = (scaleArgument === -1 ? '10000,1000000' : (process.argv[scaleArgument + 1] ?? '')).split(',').filter(Boolean).map(Number);
const dataDir = await mkdtemp(join(tmpdir(), 'bench-counters-'));
const dynamodb = await startDynamoDb(dataDir, await requireJava());
await dynamodb.ready;
const client: DynamoDBClient = dynamodb.client;
const tableName = 'Counters';
await createPkSkTable(client, tableName);

const TEAMS = 5;
const AGENTS_PER_TEAM = 8;
let serial = 0;
// One answer of a quarter's day (`day` 0…91), spread over teams, agents, products, languages and tiers.
const answer = (day: number): StreamChange => {
  const n = ++serial;
  const team = n % TEAMS;
  const at = new Date(Date.UTC(2026, 9, 1 + day, 9, 0, 0)).toISOString();
  const item = {
    pk: `INVITATION#i-${n}`,
    sk: 'RESPONSE',
    responseId: `r-${n}`,
    invitationId: `i-${n}`,
    status: 'confirmed',
    source: 'page',
    answer: { csat: 1 + (n % 5), ...(n % 3 === 0 ? { nps: n % 11 } : {}) },
    firstAnsweredAt: at,
    updatedAt: at,
    surveyKind: 'post_resolution',
    reportedAs: {
      team: `team-${team}`,
      agent: `agent-${team}-${n % AGENTS_PER_TEAM}`,
      product: `product-${n % 4}`,
      language: n % 2 ? 'ja' : 'en',
      tier: n % 7 ? 'standard' : 'premium',
      region: `region-${n % 3}`,
    },
  };
  return { eventId: `e-${n}`, sequenceNumber: String(n), change: changeOf(undefined, item) };
};

/** The store, counting transactions, items and each counter item's writes. */
const counters = new DynamoDbCounterStore(client, tableName);
const writesPerCounter = new Map<string, number>();
let transactions = 0;
let items = 0;
const countingStore: CounterStore = {
  async addCounts(eventIds, sum, shard) {
    transactions++;
    items += eventIds.length + sum.size;
    for (const id of sum.keys()) writesPerCounter.set(`${id}#${shard}`, (writesPerCounter.get(`${id}#${shard}`) ?? 0) + 1);
    return counters.addCounts(eventIds, sum, shard);
  },
};

const feed = async (count: number, dayOf: (index: number) => number) => {
  const started = performance.now();
  for (let done = 0; done < count; done += 100) {
    const batch = Array.from({ length: Math.min(100, count - done) }, (_, index) => answer(dayOf(done + index)));
    const applied = await applyStreamChanges(batch, { store: countingStore });
    if (applied.failedFrom !== undefined) throw applied.error;
  }
  return performance.now() - started;
};

// 1. A busy day: every answer on one day, the worst case for the hottest counters.
const busyMs = await feed(answers, () => 45);
const hottest = Math.max(...writesPerCounter.values());
const busyTransactions = transactions;
const busyItems = items;

// 2. Reads: a quarter's summary after the busy day, then after 10 times as many answers spread over the quarter.
// Every Query the reads send, and the items DynamoDB returns to them.
const queries = { n: 0, items: 0 };
client.middlewareStack.add(
  (next, context) => async (args) => {
    const result = await next(args);
    if (context.commandName === 'QueryCommand') {
      queries.n++;
      queries.items += (result.output as { Items?: unknown[] }).Items?.length ?? 0;
    }
    return result;
  },
  { step: 'initialize', name: 'countQueries' },
);
const quarter = { span: { from: '2026-10-01', to: '2027-01-01' }, interval: 'week', groupBy: 'agent', scope: { kind: 'all' } } as const;
const readAt = async () => {
  queries.n = 0;
  queries.items = 0;
  const started = performance.now();
  const summary = await summarizeReports(quarter, counters);
  return { answers: summary.overall.csat.answers, queries: queries.n, items: queries.items, ms: performance.now() - started };
};
const first = await readAt();
await feed(answers * 10, (index) => index % 92);
const second = await readAt();

// 3. Reads at scale: 10,000 and 1,000,000 answers spread over the quarter, summed in memory into
// the counter items the consumer would leave (every shard of the overall counters holding a
// share, as random shards do at volume), each written once to a table of its own, then read.
const readsAfter = async (count: number) => {
  const table = `Counters${count}`;
  await createPkSkTable(client, table);
  const sum = new Map<string, { cell: CounterCell; fields: Map<string, number> }>();
  for (let index = 0; index < count; index++) addTally(sum, answer(index % 92).change, 1);
  const store = new DynamoDbCounterStore(client, table);
  const writes: [number, Tally][] = [];
  for (const [id, { cell, fields }] of sum) {
    const shards = isOverallDimension(cell.dimension) ? COUNTER_SHARDS : 1;
    for (let shard = 0; shard < shards; shard++) {
      const share = new Map(
        [...fields]
          .map(([field, amount]) => [field, Math.floor(amount / shards) + (shard < amount % shards ? 1 : 0)] as const)
          .filter(([, amount]) => amount !== 0),
      );
      if (share.size > 0) writes.push([shard, new Map([[id, { cell, fields: share }]])]);
    }
  }
  for (const [index, [shard, tally]] of writes.entries()) await store.addCounts([`bulk-${count}-${index}`], tally, shard);
  queries.n = 0;
  queries.items = 0;
  const started = performance.now();
  const summary = await summarizeReports(quarter, store);
  return { answers: summary.overall.csat.answers, counterItems: writes.length, queries: queries.n, items: queries.items, ms: performance.now() - started };
};
const atScale = [];
for (const count of scale) atScale.push(await readsAfter(count));

printTable(
  'Report counters',
  ['Figure', 'Value'],
  [
    ['Answers on one day', answers.toLocaleString('en')],
    [
      'Transactions',
      `${busyTransactions.toLocaleString('en')} (${(answers / busyTransactions).toFixed(1)} answers each, ${(busyItems / busyTransactions).toFixed(1)} items each)`,
    ],
    ['Counter writes per answer', ((busyItems - answers) / answers).toFixed(2)],
    [
      'Writes to the hottest counter item',
      `${hottest.toLocaleString('en')} (${((1000 * hottest) / answers).toFixed(1)} per 1,000 answers; ${COUNTER_SHARDS} shards)`,
    ],
    ['Time, one consumer, DynamoDB Local', `${(busyMs / 1000).toFixed(1)} s (${Math.round(answers / (busyMs / 1000))} answers/s)`],
    [
      `Quarter summary by week and agent, ${first.answers.toLocaleString('en')} answers`,
      `${first.queries} Queries, ${first.items} items read, ${first.ms.toFixed(0)} ms`,
    ],
    [
      `Quarter summary by week and agent, ${second.answers.toLocaleString('en')} answers`,
      `${second.queries} Queries, ${second.items} items read, ${second.ms.toFixed(0)} ms`,
    ],
    ...atScale.map((read) => [
      `Quarter summary by week and agent, ${read.answers.toLocaleString('en')} answers (summed in memory)`,
      `${read.queries} Queries, ${read.items} items read of ${read.counterItems.toLocaleString('en')} counter items, ${read.ms.toFixed(0)} ms`,
    ]),
  ],
);
await dynamodb.stop();
await rm(dataDir, { recursive: true, force: true });
