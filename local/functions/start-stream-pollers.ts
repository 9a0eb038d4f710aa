import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setTimeout as wait } from 'node:timers/promises';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  ExpiredIteratorException,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  type GetShardIteratorCommandInput,
  TrimmedDataAccessException,
  type _Record as StreamRecord,
  type DynamoDBStreamsClient,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { LocalQueue } from '../emulators/provision-queues.ts';
import type { LocalTable } from '../emulators/provision-tables.ts';
import { localRegion } from '../emulators/local-aws.ts';
import { readResources, type CfnTemplate } from '../template/cloudformation-template.ts';
import { TemplateShapeError } from '../template/template-shape-error.ts';
import { resolveIntrinsics, type LocalResourceValues } from '../template/resolve-intrinsics.ts';
import { buildStreamEvent } from './build-stream-event.ts';
import { mappingFunctionName } from './mapping-function-name.ts';

export interface StreamMapping {
  readonly logicalId: string;
  readonly table: LocalTable;
  readonly functionName: string;
  readonly batchSize: number;
  readonly batchingWindowSeconds: number;
  readonly startingPosition: 'TRIM_HORIZON' | 'LATEST';
  /** Retries of a failing batch before it is given up (-1: until its records expire, as on AWS). */
  readonly maximumRetryAttempts: number;
  readonly bisectBatchOnFunctionError: boolean;
  readonly reportsBatchItemFailures: boolean;
  /** Where a batch given up is described (the mapping's DestinationConfig.OnFailure queue). */
  readonly onFailure: LocalQueue | undefined;
}

export interface StreamPollers {
  readonly mappings: readonly StreamMapping[];
  /** Stops reading and waits for the batches being delivered. */
  stop(): Promise<void>;
}

interface PollerOptions {
  readonly template: CfnTemplate;
  readonly values: LocalResourceValues;
  readonly tables: readonly LocalTable[];
  readonly queues: readonly LocalQueue[];
  readonly dynamodb: DynamoDBClient;
  readonly streams: DynamoDBStreamsClient;
  readonly sqs: SQSClient;
  readonly invoke: (functionName: string, event: unknown) => Promise<unknown>;
  readonly log: (line: string) => void;
  /** Where each mapping's last delivered sequence number per shard is kept, so a restart resumes after it. */
  readonly checkpointFile: string;
  /** Pause between reads of a stream with nothing new. @default 250 ms */
  readonly idleMs?: number;
}

/**
 * Drives every enabled DynamoDB stream AWS::Lambda::EventSourceMapping like Lambda, from DynamoDB
 * Local's stream API: reads each shard in order (a parent before its children) in batches of up
 * to BatchSize within MaximumBatchingWindowInSeconds, invokes the function, and moves on only once
 * the batch succeeded. A failed batch is retried (halved first with BisectBatchOnFunctionError;
 * from the first failed record with ReportBatchItemFailures) up to MaximumRetryAttempts, then
 * described to the OnFailure queue and skipped. The position per shard is kept in
 * `checkpointFile`, so a restart neither loses nor repeats a delivered batch. Hand-written: no
 * library emulates Lambda's stream event source.
 *
 * @example
 * const pollers = startStreamPollers({ template, values, tables, queues, dynamodb, streams, sqs, invoke, log, checkpointFile });
 */
export function startStreamPollers(options: PollerOptions): StreamPollers {
  const mappings = readStreamMappings(options);
  const abort = new AbortController();
  const checkpoints = new Checkpoints(options.checkpointFile);
  const loops = mappings.map((mapping) => pollStream(mapping, options, checkpoints, abort.signal));
  return {
    mappings,
    stop: async () => {
      abort.abort();
      await Promise.all(loops);
    },
  };
}

/**
 * The template's enabled event source mappings on a table's stream, each with its table and
 * on-failure queue. A mapping with FilterCriteria is refused: filters are not emulated, and
 * delivering records AWS would filter out would make local runs differ.
 *
 * @example
 * const mappings = readStreamMappings({ template, values, tables, queues });
 * @internal exported for its tests only
 */
export function readStreamMappings(options: Pick<PollerOptions, 'template' | 'values' | 'tables' | 'queues'>): StreamMapping[] {
  return readResources(options.template, 'AWS::Lambda::EventSourceMapping').flatMap(([logicalId, props]) => {
    const sourceArn = String(resolveIntrinsics(props.EventSourceArn, options.values, `${logicalId} EventSourceArn`));
    const table = options.tables.find((candidate) => sourceArn === streamArnOf(candidate));
    if (table === undefined || props.Enabled === false) return [];
    if (props.FilterCriteria !== undefined) {
      throw new TemplateShapeError(
        logicalId,
        `AWS::Lambda::EventSourceMapping ${logicalId} cannot run locally: FilterCriteria on a stream is not emulated yet`,
      );
    }
    const onFailureArn = props.DestinationConfig?.OnFailure?.Destination;
    const onFailure =
      onFailureArn === undefined
        ? undefined
        : options.queues.find((queue) => queue.arn === String(resolveIntrinsics(onFailureArn, options.values, `${logicalId} DestinationConfig`)));
    return [
      {
        logicalId,
        table,
        functionName: mappingFunctionName(props.FunctionName, options.values, logicalId),
        batchSize: props.BatchSize ?? 100,
        batchingWindowSeconds: props.MaximumBatchingWindowInSeconds ?? 0,
        startingPosition: props.StartingPosition === 'LATEST' ? 'LATEST' : 'TRIM_HORIZON',
        maximumRetryAttempts: props.MaximumRetryAttempts ?? -1,
        bisectBatchOnFunctionError: props.BisectBatchOnFunctionError ?? false,
        reportsBatchItemFailures: props.FunctionResponseTypes?.includes('ReportBatchItemFailures') ?? false,
        onFailure,
      },
    ];
  });
}

/** The stream ARN a template's `Fn::GetAtt [Table, StreamArn]` resolves to locally (tableValues). */
const streamArnOf = (table: LocalTable) => `${table.arn}/stream/local`;

async function pollStream(mapping: StreamMapping, options: PollerOptions, checkpoints: Checkpoints, signal: AbortSignal): Promise<void> {
  const idleMs = options.idleMs ?? 250;
  const finished = new Set<string>();
  const iterators = new Map<string, string>();
  let streamArn: string | undefined;
  let firstPass = true;
  while (!signal.aborted) {
    try {
      streamArn ??= await latestStreamArn(options.dynamodb, mapping.table.tableName);
      const shards = await listShards(options.streams, streamArn);
      let delivered = 0;
      for (const shard of shards) {
        const shardId = shard.ShardId!;
        // A child shard's records follow its parent's: wait until the parent is read to its end.
        if (
          finished.has(shardId) ||
          (shard.ParentShardId !== undefined && shards.some((s) => s.ShardId === shard.ParentShardId) && !finished.has(shard.ParentShardId))
        )
          continue;
        const start = firstPass ? mapping.startingPosition : 'TRIM_HORIZON';
        const iterator = iterators.get(shardId) ?? (await shardIterator(options.streams, streamArn, mapping, shardId, checkpoints, start));
        const { records, next } = await readBatch(options.streams, mapping, iterator, signal);
        if (records.length > 0) {
          // Stopped while retrying: the batch is not done, and the next start delivers it again.
          if (!(await deliverUntilDone(mapping, options, streamArn, shardId, records, signal))) return;
          await checkpoints.save(mapping.logicalId, shardId, records.at(-1)!.dynamodb!.SequenceNumber!);
          delivered += records.length;
        }
        if (next === undefined) finished.add(shardId);
        else iterators.set(shardId, next);
      }
      firstPass = false;
      if (delivered === 0) await sleep(idleMs, signal);
    } catch (error) {
      if (signal.aborted) return;
      // An iterator lives 15 minutes; a fresh one starts after the last checkpoint.
      if (error instanceof ExpiredIteratorException) iterators.clear();
      // DynamoDB Local gone: the pipeline says so in its own line and stops; the poller only waits.
      else if ((error as NodeJS.ErrnoException).code !== 'ECONNREFUSED')
        options.log(`${mapping.logicalId}: reading the stream of ${mapping.table.tableName} failed: ${(error as Error).message}`);
      await sleep(1000, signal);
    }
  }
}

const latestStreamArn = async (dynamodb: DynamoDBClient, tableName: string): Promise<string> => {
  const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
  if (Table?.LatestStreamArn === undefined) throw new Error(`table ${tableName} has no stream`);
  return Table.LatestStreamArn;
};

const listShards = async (streams: DynamoDBStreamsClient, streamArn: string): Promise<Shard[]> => {
  const shards: Shard[] = [];
  let ExclusiveStartShardId: string | undefined;
  do {
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId }));
    shards.push(...(StreamDescription?.Shards ?? []));
    ExclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
  } while (ExclusiveStartShardId !== undefined);
  return shards;
};

const shardIterator = async (
  streams: DynamoDBStreamsClient,
  streamArn: string,
  mapping: StreamMapping,
  shardId: string,
  checkpoints: Checkpoints,
  start: 'TRIM_HORIZON' | 'LATEST',
): Promise<string> => {
  const after = await checkpoints.read(mapping.logicalId, shardId);
  const from = (input: Omit<GetShardIteratorCommandInput, 'StreamArn' | 'ShardId'>) =>
    streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ...input })).then(({ ShardIterator }) => ShardIterator!);
  if (after === undefined) return from({ ShardIteratorType: start });
  // A checkpoint older than the stream's 24 hours: what is left is all new to the function.
  return from({ ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }).catch((error: unknown) => {
    if (error instanceof TrimmedDataAccessException) return from({ ShardIteratorType: 'TRIM_HORIZON' });
    throw error;
  });
};

// Up to BatchSize records; with a batching window, more reads until it is full or the window ends.
const readBatch = async (streams: DynamoDBStreamsClient, mapping: StreamMapping, iterator: string, signal: AbortSignal) => {
  const records: StreamRecord[] = [];
  const windowEnds = Date.now() + mapping.batchingWindowSeconds * 1000;
  let next: string | undefined = iterator;
  do {
    const page: GetRecordsCommandOutput = await streams.send(new GetRecordsCommand({ ShardIterator: next, Limit: mapping.batchSize - records.length }), {
      abortSignal: signal,
    });
    records.push(...(page.Records ?? []));
    next = page.NextShardIterator;
    if (records.length > 0 && records.length < mapping.batchSize && Date.now() < windowEnds) await sleep(100, signal);
  } while (next !== undefined && records.length > 0 && records.length < mapping.batchSize && Date.now() < windowEnds && !signal.aborted);
  return { records, next };
};

/**
 * Delivers `records` until the function took them all, as Lambda does for a stream: a failed
 * batch blocks its shard and is retried; a partial failure retries from its first failed record;
 * bisecting retries each half. After MaximumRetryAttempts retries the rest is described to the
 * OnFailure queue (its records stay in the stream) and skipped. Answers false only when stopped
 * before the batch was done.
 */
async function deliverUntilDone(
  mapping: StreamMapping,
  options: PollerOptions,
  streamArn: string,
  shardId: string,
  records: readonly StreamRecord[],
  signal: AbortSignal,
  retriesSoFar = 0,
): Promise<boolean> {
  let pending = records;
  let retries = retriesSoFar;
  while (!signal.aborted) {
    const failedFrom = await invokeWith(mapping, options, streamArn, pending);
    if (failedFrom === undefined) return true;
    if (mapping.maximumRetryAttempts >= 0 && retries >= mapping.maximumRetryAttempts) {
      await describeToOnFailure(mapping, options, streamArn, shardId, pending.slice(failedFrom));
      return true;
    }
    retries++;
    await sleep(Math.min(10_000, 500 * 2 ** Math.min(retries, 5)), signal);
    if (signal.aborted) return false;
    if (failedFrom === 0 && mapping.bisectBatchOnFunctionError && pending.length > 1) {
      const half = Math.ceil(pending.length / 2);
      return (
        (await deliverUntilDone(mapping, options, streamArn, shardId, pending.slice(0, half), signal, retries)) &&
        deliverUntilDone(mapping, options, streamArn, shardId, pending.slice(half), signal, retries)
      );
    }
    pending = pending.slice(failedFrom);
  }
  return false;
}

/** Invokes the function with `records`; answers the index of the first record to retry, or undefined when all succeeded. */
async function invokeWith(mapping: StreamMapping, options: PollerOptions, streamArn: string, records: readonly StreamRecord[]): Promise<number | undefined> {
  let result: unknown;
  try {
    result = await options.invoke(mapping.functionName, buildStreamEvent(records, streamArn, localRegion));
  } catch (error) {
    options.log(`${mapping.functionName}: batch of ${records.length} from the stream of ${mapping.table.tableName} failed: ${(error as Error).message}`);
    return 0;
  }
  if (!mapping.reportsBatchItemFailures) return undefined;
  const failures = (result as { batchItemFailures?: { itemIdentifier?: unknown }[] } | undefined)?.batchItemFailures ?? [];
  if (failures.length === 0) return undefined;
  const indexes = failures.map((failure) => records.findIndex((record) => record.dynamodb?.SequenceNumber === failure.itemIdentifier));
  // An identifier that names no record of the batch fails the whole batch, as on AWS.
  return indexes.includes(-1) ? 0 : Math.min(...indexes);
}

async function describeToOnFailure(mapping: StreamMapping, options: PollerOptions, streamArn: string, shardId: string, records: readonly StreamRecord[]) {
  options.log(
    `${mapping.functionName}: gave up a batch of ${records.length} from the stream of ${mapping.table.tableName} after ${mapping.maximumRetryAttempts} retries`,
  );
  if (mapping.onFailure === undefined) return;
  const arrival = (record: StreamRecord) => record.dynamodb?.ApproximateCreationDateTime?.toISOString();
  // The shape Lambda sends an on-failure destination for a stream: where the batch is, not its records.
  const body = {
    requestContext: { functionArn: mapping.functionName, condition: 'RetryAttemptsExhausted', approximateInvokeCount: mapping.maximumRetryAttempts + 1 },
    version: '1.0',
    timestamp: new Date().toISOString(),
    DDBStreamBatchInfo: {
      shardId,
      startSequenceNumber: records[0]!.dynamodb!.SequenceNumber,
      endSequenceNumber: records.at(-1)!.dynamodb!.SequenceNumber,
      approximateArrivalOfFirstRecord: arrival(records[0]!),
      approximateArrivalOfLastRecord: arrival(records.at(-1)!),
      batchSize: records.length,
      streamArn,
    },
  };
  await options.sqs.send(new SendMessageCommand({ QueueUrl: mapping.onFailure.url, MessageBody: JSON.stringify(body) }));
}

/** Each mapping's last delivered sequence number per shard, written through to a JSON file. */
class Checkpoints {
  private loaded: Promise<Map<string, string>> | undefined;
  private writing = Promise.resolve();

  constructor(private readonly file: string) {}

  async read(mappingId: string, shardId: string): Promise<string | undefined> {
    return (await this.load()).get(`${mappingId}/${shardId}`);
  }

  async save(mappingId: string, shardId: string, sequenceNumber: string): Promise<void> {
    const positions = await this.load();
    positions.set(`${mappingId}/${shardId}`, sequenceNumber);
    // One write at a time, each whole: a crash leaves the previous file or the new one.
    this.writing = this.writing.then(async () => {
      await mkdir(dirname(this.file), { recursive: true });
      await writeFile(`${this.file}.tmp`, JSON.stringify(Object.fromEntries(positions), null, 2));
      await rename(`${this.file}.tmp`, this.file);
    });
    await this.writing;
  }

  private load(): Promise<Map<string, string>> {
    this.loaded ??= readFile(this.file, 'utf8').then(
      (text) => new Map(Object.entries(JSON.parse(text) as Record<string, string>)),
      () => new Map<string, string>(),
    );
    return this.loaded;
  }
}

/** Waits `ms`, or less when stopped: Node's own timer, its abort taken as the end of the wait. */
const sleep = (ms: number, signal: AbortSignal): Promise<void> => wait(ms, undefined, { signal }).catch(() => undefined);
