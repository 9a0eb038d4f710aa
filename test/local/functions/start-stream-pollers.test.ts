import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AttributeValue, DeleteItemCommand, DescribeTableCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import type { FauxqsServer } from 'fauxqs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../../local/emulators/local-aws.ts';
import { provisionQueues } from '../../../local/emulators/provision-queues.ts';
import { provisionTables, tableValues } from '../../../local/emulators/provision-tables.ts';
import { requireJava } from '../../../local/emulators/require-java.ts';
import { startDynamoDb, type LocalDynamoDb } from '../../../local/emulators/start-dynamodb.ts';
import { startSqs } from '../../../local/emulators/start-sqs.ts';
import { readStreamMappings, startStreamPollers, type StreamPollers } from '../../../local/functions/start-stream-pollers.ts';
import type { CfnTemplate } from '../../../local/template/cloudformation-template.ts';

let dataDir: string;
let dynamodb: LocalDynamoDb;
let streams: DynamoDBStreamsClient;
let fauxqs: FauxqsServer;
let sqs: SQSClient;
const running: StreamPollers[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'stream-pollers-'));
  dynamodb = await startDynamoDb(join(dataDir, 'dynamodb'), await requireJava());
  await dynamodb.ready;
  streams = new DynamoDBStreamsClient(localClientConfig(dynamodb.endpoint));
  fauxqs = await startSqs(join(dataDir, 'sqs'));
  sqs = new SQSClient(localClientConfig(fauxqs.address));
}, 60_000);
afterEach(async () => {
  await Promise.all(running.splice(0).map((pollers) => pollers.stop()));
});
afterAll(async () => {
  streams.destroy();
  sqs.destroy();
  await fauxqs.stop();
  await dynamodb.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/**
 * A template of one table with a stream of both images, one function on it, and a queue
 * (`<table>Failures`) for the mapping to name; `mappingOf` gives the mapping's own properties.
 */
const templateWith = (mappingOf: (table: string) => Record<string, unknown>) => {
  const table = `Items${randomUUID().slice(0, 8)}`;
  const mapping = mappingOf(table);
  return {
    table,
    template: {
      Resources: {
        [table]: {
          Type: 'AWS::DynamoDB::Table',
          Properties: {
            TableName: table,
            BillingMode: 'PAY_PER_REQUEST',
            KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
            AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
            StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
          },
        },
        [`${table}Failures`]: { Type: 'AWS::SQS::Queue', Properties: {} },
        Mapping: {
          Type: 'AWS::Lambda::EventSourceMapping',
          Properties: { EventSourceArn: { 'Fn::GetAtt': [table, 'StreamArn'] }, FunctionName: 'count-things', StartingPosition: 'TRIM_HORIZON', ...mapping },
        },
      },
    } as unknown as CfnTemplate,
  };
};

/** Provisions `template` and starts its stream pollers, the function answering with `handle`. */
const start = async (
  template: CfnTemplate,
  handle: (event: DynamoDBStreamEvent) => Promise<unknown>,
  checkpointFile = join(dataDir, `${randomUUID()}.json`),
) => {
  const tables = await provisionTables(dynamodb.client, template);
  const queues = await provisionQueues(fauxqs, sqs, template);
  const values = tableValues(tables);
  for (const queue of queues) (values.attributes as Map<string, string>).set(`${queue.logicalId}.Arn`, queue.arn);
  const pollers = startStreamPollers({
    template,
    values,
    tables,
    queues,
    dynamodb: dynamodb.client,
    streams,
    sqs,
    invoke: async (_name, event) => handle(event as DynamoDBStreamEvent),
    log: () => undefined,
    checkpointFile,
    idleMs: 50,
  });
  running.push(pollers);
  return { pollers, queues, checkpointFile };
};

const put = (table: string, pk: string, value: string) =>
  dynamodb.client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: pk }, value: { S: value } } }));

/** A promise of the first `count` records the function saw, and every event it was given meanwhile. */
const collect = (count: number) => {
  const events: DynamoDBStreamEvent[] = [];
  let done: () => void;
  const all = new Promise<void>((resolve) => {
    done = resolve;
  });
  const handle = async (event: DynamoDBStreamEvent) => {
    events.push(event);
    if (events.flatMap((e) => e.Records).length >= count) done();
    return {};
  };
  return { events, all, handle };
};

describe('startStreamPollers', () => {
  it('delivers inserts, updates and deletes in order, with both images, in batches of BatchSize', async () => {
    const { table, template } = templateWith(() => ({ BatchSize: 2 }));
    const seen = collect(4);
    await start(template, seen.handle);

    await put(table, 'a', 'one');
    await put(table, 'b', 'two');
    await dynamodb.client.send(
      new UpdateItemCommand({
        TableName: table,
        Key: { pk: { S: 'a' } },
        UpdateExpression: 'SET #v = :v',
        ExpressionAttributeNames: { '#v': 'value' },
        ExpressionAttributeValues: { ':v': { S: 'uno' } },
      }),
    );
    await dynamodb.client.send(new DeleteItemCommand({ TableName: table, Key: { pk: { S: 'b' } } }));
    await seen.all;

    const records = seen.events.flatMap((event) => event.Records);
    expect(records.map((record) => [record.eventName, record.dynamodb?.Keys?.pk?.S])).toEqual([
      ['INSERT', 'a'],
      ['INSERT', 'b'],
      ['MODIFY', 'a'],
      ['REMOVE', 'b'],
    ]);
    expect(records[2]).toMatchObject({
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      dynamodb: { OldImage: { value: { S: 'one' } }, NewImage: { value: { S: 'uno' } }, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
    expect(typeof records[0]!.dynamodb!.ApproximateCreationDateTime).toBe('number');
    expect(Math.max(...seen.events.map((event) => event.Records.length))).toBeLessThanOrEqual(2);
  });

  it('passes every attribute type as Lambda does, an empty map and an empty list included, so the images unmarshall', async () => {
    const { table, template } = templateWith(() => ({ BatchSize: 10 }));
    const seen = collect(1);
    await start(template, seen.handle);
    const item = {
      pk: 'typed',
      text: 'テキスト',
      number: 42.5,
      yes: true,
      nothing: null,
      emptyMap: {},
      emptyList: [],
      nested: { list: [1, 'two', { deep: {} }] },
      strings: new Set(['a', 'b']),
      bytes: new Uint8Array([1, 2, 3]),
    };
    await dynamodb.client.send(new PutItemCommand({ TableName: table, Item: marshall(item) }));
    await seen.all;
    const image = seen.events[0]!.Records[0]!.dynamodb!.NewImage!;
    expect(image['emptyMap']).toEqual({ M: {} });
    expect(image['bytes']).toEqual({ B: 'AQID' });
    // Lambda's JSON carries binary as base64, which unmarshall reads as text; the rest as stored.
    const { bytes: _bytes, ...rest } = item;
    expect(unmarshall(image as Record<string, AttributeValue>)).toEqual({ ...rest, bytes: 'AQID' });
  });

  it('gives a table made before the template had its stream one, as a stack update would, and delivers from it', async () => {
    const { table, template } = templateWith(() => ({ BatchSize: 10 }));
    const { StreamSpecification: _stream, ...withoutStream } = template.Resources[table]!.Properties as Record<string, unknown>;
    // A data folder of an earlier version: the table is there, without a stream.
    await provisionTables(dynamodb.client, { Resources: { [table]: { Type: 'AWS::DynamoDB::Table', Properties: withoutStream } } } as unknown as CfnTemplate);
    const { Table: before } = await dynamodb.client.send(new DescribeTableCommand({ TableName: table }));
    expect(before?.StreamSpecification?.StreamEnabled).not.toBe(true);

    const seen = collect(1);
    await start(template, seen.handle);
    await put(table, 'a', 'one');
    await seen.all;
    expect(seen.events.flatMap((event) => event.Records).map((record) => record.dynamodb?.Keys?.pk?.S)).toEqual(['a']);
  });

  it('retries from the first record the function reports failed, and never redelivers the ones before it', async () => {
    const { table, template } = templateWith(() => ({ BatchSize: 3, MaximumBatchingWindowInSeconds: 1, FunctionResponseTypes: ['ReportBatchItemFailures'] }));
    const batches: string[][] = [];
    let failedOnce = false;
    let done: () => void;
    const delivered = new Promise<void>((resolve) => {
      done = resolve;
    });
    await start(template, async (event) => {
      batches.push(event.Records.map((record) => record.dynamodb!.Keys!.pk!.S!));
      const second = event.Records.find((record) => record.dynamodb?.Keys?.pk?.S === 'b');
      if (second !== undefined && !failedOnce) {
        failedOnce = true;
        return { batchItemFailures: [{ itemIdentifier: second.dynamodb!.SequenceNumber }] };
      }
      if (event.Records.some((record) => record.dynamodb?.Keys?.pk?.S === 'c')) done();
      return { batchItemFailures: [] };
    });

    for (const pk of ['a', 'b', 'c']) await put(table, pk, pk);
    await delivered;

    expect(batches.flat().filter((pk) => pk === 'a')).toHaveLength(1);
    expect(batches.at(-1)).toEqual(['b', 'c']);
  });

  it('gives a batch up after MaximumRetryAttempts, describes it to the OnFailure queue, and goes on with the next records', async () => {
    const { table, template } = templateWith((name) => ({
      BatchSize: 1,
      MaximumRetryAttempts: 1,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [`${name}Failures`, 'Arn'] } } },
    }));
    const attempts: string[] = [];
    let done: () => void;
    const wentOn = new Promise<void>((resolve) => {
      done = resolve;
    });
    const { queues } = await start(template, async (event) => {
      const pk = event.Records[0]!.dynamodb!.Keys!.pk!.S!;
      attempts.push(pk);
      if (pk === 'poison') throw new Error('cannot count this');
      done();
      return {};
    });

    await put(table, 'poison', 'x');
    await put(table, 'fine', 'y');
    await wentOn;

    expect(attempts).toEqual(['poison', 'poison', 'fine']);
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queues[0]!.url, WaitTimeSeconds: 5 }));
    expect(JSON.parse(Messages[0]!.Body!)).toMatchObject({
      requestContext: { condition: 'RetryAttemptsExhausted', approximateInvokeCount: 2 },
      DDBStreamBatchInfo: { batchSize: 1, shardId: expect.any(String), startSequenceNumber: expect.any(String) },
    });
  });

  it('resumes after a restart at the record after the last one delivered', async () => {
    const { table, template } = templateWith(() => ({ BatchSize: 10 }));
    const first = collect(2);
    const { pollers, checkpointFile } = await start(template, first.handle);
    await put(table, 'a', '1');
    await put(table, 'b', '2');
    await first.all;
    await pollers.stop();

    await put(table, 'c', '3');
    const second = collect(1);
    await start(template, second.handle, checkpointFile);
    await second.all;

    // Records come in order, so nothing before 'c' was delivered again.
    expect(second.events.flatMap((event) => event.Records.map((record) => record.dynamodb?.Keys?.pk?.S))).toEqual(['c']);
  });

  it('keeps a batch stopped while it was being retried: the next start delivers it again', async () => {
    const { table, template } = templateWith(() => ({ BatchSize: 10 }));
    let tried: () => void;
    const failing = new Promise<void>((resolve) => {
      tried = resolve;
    });
    const { pollers, checkpointFile } = await start(template, async () => {
      tried();
      throw new Error('not today');
    });
    await put(table, 'a', '1');
    await failing;
    await pollers.stop();

    const second = collect(1);
    await start(template, second.handle, checkpointFile);
    await second.all;
    expect(second.events[0]!.Records.map((record) => record.dynamodb?.Keys?.pk?.S)).toEqual(['a']);
  });

  it('refuses a mapping that filters its stream, which local mode does not emulate', async () => {
    const { template } = templateWith(() => ({ FilterCriteria: { Filters: [{ Pattern: '{"eventName":["INSERT"]}' }] } }));
    const tables = await provisionTables(dynamodb.client, template);
    expect(() => readStreamMappings({ template, values: tableValues(tables), tables, queues: [] })).toThrow(/Mapping cannot run locally: FilterCriteria/);
  });
});
