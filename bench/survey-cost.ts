// Cost per million survey responses at list prices, as DESIGN.md asks: "computed from the
// synthesized template and measured durations". Starts its own local pipeline under
// .data/bench-survey-cost (which synthesizes the real app in this process), reads the answer
// path's resources from that template, runs the answers through the pipeline in three flows and
// measures what each response uses. Usage: npm run bench:cost -- [answers=200]
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type AttributeValue, DynamoDBClient, GetItemCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { DynamoDbSurveyAnswerStore } from '../functions/surveys/adapters/dynamodb-survey-answer-store.ts';
import type { SurveyAnswer } from '../functions/surveys/contracts/survey-answer.ts';
import { surveyPolicySettingsSchema } from '../functions/surveys/contracts/survey-policy-settings.ts';
import { applySurveyAnswer } from '../functions/surveys/core/apply-survey-answer.ts';
import type { AnswerSource } from '../functions/surveys/core/record-survey-answer.ts';
import { openSurveyLink } from '../functions/surveys/wiring/open-survey-link.ts';
import { resourcesOfType } from '../local/template/cloudformation-template.ts';
import { startLocalPipeline } from '../local/start-local-pipeline.ts';
import { sendInvitation } from '../test/helpers/survey-invitations.ts';
import { median, printTable } from './table.ts';

// List prices, us-east-1, November 2026 (USD).
const LAMBDA_ARM64_PER_GB_SECOND = 0.0000133334;
const LAMBDA_PER_REQUEST = 0.2 / 1e6;
const HTTP_API_PER_REQUEST = 1.0 / 1e6;
/** Per request; each 64 KB chunk of a payload counts as one request. */
const SQS_PER_REQUEST = 0.4 / 1e6;
const DYNAMODB_PER_WRITE_UNIT = 0.625 / 1e6;
const DYNAMODB_PER_READ_UNIT = 0.125 / 1e6;
const CLOUDWATCH_LOGS_PER_GB_INGESTED = 0.5;

// Assumptions (not measurable locally).
/**
 * Answers arriving per second on the answer queue. A million a month is 0.39/s on average; answers
 * bunch in office hours and after the dispatcher's sends, so 1/s. Sets how many messages one
 * consumer invocation gets within the mapping's batching window (`npm run bench:cost -- 200 5` for 5/s).
 */
const ANSWERS_PER_SECOND = Number(process.argv[3] ?? 1);
/**
 * Lambda writes per invocation what the local runtime does not: `Max Memory Used` in REPORT and,
 * with active tracing, an `XRAY TraceId` line (about 110 bytes together).
 */
const AWS_PLATFORM_LOG_BYTES_PER_INVOCATION = 110;

const answers = Number(process.argv[2] ?? 200);
const dataDir = fileURLToPath(new URL('../.data/bench-survey-cost/', import.meta.url));
await rm(dataDir, { recursive: true, force: true });

/** What the functions on the answer path wrote and how long they ran while recording was on. */
interface FunctionUse {
  bytes: number;
  durationsMs: number[];
  answersApplied: number;
}
const PAGE = 'survey-page';
const CONSUMER = 'store-survey-answer';
let recording: Record<string, FunctionUse> | undefined;
const pipeline = await startLocalPipeline({
  dataDir,
  port: 0,
  schedulesOnDemandOnly: true,
  functionLog: (logName, line) => {
    const use = recording?.[logName];
    if (use === undefined) return;
    // A CloudWatch Logs event per line, billed by its bytes.
    use.bytes += Buffer.byteLength(line, 'utf8');
    const duration = /^REPORT RequestId: \S+\tDuration: ([\d.]+) ms/.exec(line);
    if (duration) use.durationsMs.push(Number(duration[1]));
    if (line.includes('"Survey answer applied"')) use.answersApplied++;
  },
});
const localAws = { region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
const dynamodb = new DynamoDBClient({ ...localAws, endpoint: pipeline.dynamodbEndpoint });
const world = { apiUrl: pipeline.apiUrl, dynamodb, tableName: pipeline.tableName, secretsEndpoint: pipeline.secretsEndpoint, secrets: pipeline.secrets };

// ---- Read from the synthesized template -------------------------------------------------------
const { template } = pipeline.world;
const definitionOf = (logName: string) => {
  const hosted = pipeline.world.functions.find((fn) => fn.definition.logName === logName);
  if (!hosted) throw new Error(`No function ${logName} in the template`);
  const { definition } = hosted;
  const props = template.Resources[definition.logicalId]!.Properties as { Architectures?: string[]; LoggingConfig?: { LogGroup?: { Ref?: string } } };
  const logGroupId = props.LoggingConfig?.LogGroup?.Ref;
  const retentionDays = logGroupId ? (template.Resources[logGroupId]?.Properties as { RetentionInDays?: number } | undefined)?.RetentionInDays : undefined;
  return { ...definition, architectures: props.Architectures ?? ['x86_64'], retentionDays };
};
const page = definitionOf(PAGE);
const consumer = definitionOf(CONSUMER);
const mapping = pipeline.world.queueMappings.find((candidate) => candidate.functionName === consumer.functionName);
if (!mapping) throw new Error(`No event source mapping drives ${consumer.functionName}`);
const httpApis = resourcesOfType(template, 'AWS::ApiGatewayV2::Api').filter(([, props]) => props.ProtocolType === 'HTTP');
const answerRoutes = pipeline.world.routes.filter((route) => route.routeKey.endsWith(' /s/{token}')).map((route) => route.routeKey);
const tables = resourcesOfType(template, 'AWS::DynamoDB::Table').map(([, props]) => props.BillingMode);
// The API's access log line per request, rendered from the stage's format with typical values.
const accessLogFormat = resourcesOfType(template, 'AWS::ApiGatewayV2::Stage')
  .map(([, props]) => (props.AccessLogSettings as { Format?: string } | undefined)?.Format)
  .find((format) => format !== undefined);
const accessLogBytes = accessLogFormat ? Buffer.byteLength(accessLogFormat.replace(/\$context\.[A-Za-z.]+/g, 'x'.repeat(14))) : 0;

// ---- Measure: the answer flows through the local pipeline ------------------------------------
type Flow = { readonly name: string; readonly steps: readonly ('one_click' | 'open_page' | 'post_form' | 'post_json')[] };
const FLOWS: readonly Flow[] = [
  { name: '(a) one-click GET, then confirm on the page', steps: ['one_click', 'post_form'] },
  { name: '(b) open the page, then one POST from it', steps: ['open_page', 'post_form'] },
  { name: '(c) one JSON POST (API client, no page)', steps: ['post_json'] },
];
const QUEUED_BY = { one_click: 1, open_page: 0, post_form: 1, post_json: 1 } as const;

const runStep = async (step: Flow['steps'][number], sent: Awaited<ReturnType<typeof sendInvitation>>) => {
  const form = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'score=4&reasons=speed&reasons=knowledge' };
  const json = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ csat: 4, reasons: ['speed', 'knowledge'] }) };
  const response = await (step === 'one_click'
    ? fetch(sent.surveyUrl(4))
    : step === 'open_page'
      ? fetch(sent.surveyUrl())
      : fetch(sent.surveyUrl(), step === 'post_form' ? form : json));
  await response.arrayBuffer();
  const expected = step === 'post_json' ? 202 : 200;
  if (response.status !== expected) throw new Error(`${step}: ${response.status} instead of ${expected}`);
};

const measureFlow = async (flow: Flow, count: number) => {
  const invitations = [];
  for (let i = 0; i < count; i++) invitations.push(await sendInvitation(world, { locale: i % 2 ? 'ja' : 'en' }));
  const use: Record<string, FunctionUse> = {
    [PAGE]: { bytes: 0, durationsMs: [], answersApplied: 0 },
    [CONSUMER]: { bytes: 0, durationsMs: [], answersApplied: 0 },
  };
  recording = use;
  const expectedMessages = count * flow.steps.reduce((sum, step) => sum + QUEUED_BY[step], 0);
  // One answer at a time, a little apart as customers are: on a shared 2-core machine, answers
  // at once would time each other's queueing for CPU, which a Lambda environment never shares.
  for (const sent of invitations) {
    for (const step of flow.steps) await runStep(step, sent);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const deadline = Date.now() + 60_000;
  while (use[CONSUMER]!.answersApplied < expectedMessages && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  // The consumer's REPORT line follows its last log line.
  await new Promise((resolve) => setTimeout(resolve, 500));
  recording = undefined;
  if (use[CONSUMER]!.answersApplied < expectedMessages)
    throw new Error(`${flow.name}: ${use[CONSUMER]!.answersApplied} of ${expectedMessages} messages applied`);
  return { use, messages: expectedMessages, httpRequests: count * flow.steps.length };
};

// ---- DynamoDB capacity: the handlers' store calls reproduced in process -----------------------
// A middleware on the functions' own SDK clients cannot be reached from here: the same store
// class and core functions the handlers call run in this process with ReturnConsumedCapacity,
// against the pipeline's DynamoDB Local table, on invitations of their own.
const capacity = { read: 0, write: 0, requests: 0, byCommand: {} as Record<string, number> };
const counting = new DynamoDBClient({ ...localAws, endpoint: pipeline.dynamodbEndpoint });
const READS = new Set(['GetItemCommand', 'BatchGetItemCommand', 'QueryCommand', 'ScanCommand', 'TransactGetItemsCommand']);
counting.middlewareStack.add(
  (next, context) => async (args) => {
    const input = args.input as { ReturnConsumedCapacity?: string; TransactItems?: TransactWriteItem[] };
    input.ReturnConsumedCapacity = 'TOTAL';
    const command = context.commandName ?? 'unknown';
    capacity.requests++;
    capacity.byCommand[command] = (capacity.byCommand[command] ?? 0) + 1;
    try {
      const result = await next(args);
      if (input.TransactItems) {
        // DynamoDB Local answers a flat 2 units for any transaction; DynamoDB charges 2 write units
        // per item per started KB (ConditionCheck included), so they are counted from the items.
        capacity.write += await transactionWriteUnits(input.TransactItems);
      } else {
        const consumed = [(result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity].flat() as ({ CapacityUnits?: number } | undefined)[];
        for (const entry of consumed) capacity[READS.has(command) ? 'read' : 'write'] += entry?.CapacityUnits ?? 0;
      }
      return result;
    } catch (error) {
      // A refused condition still consumes a write unit (an item up to 1 KB); the error carries no figure.
      if ((error as Error).name === 'ConditionalCheckFailedException') capacity.write += 1;
      throw error;
    }
  },
  { step: 'initialize', name: 'countConsumedCapacity' },
);

/** An item's size as DynamoDB bills it: attribute names plus values (strings in UTF-8, numbers about 1 byte per 2 digits). */
const itemBytes = (item: Record<string, AttributeValue>): number =>
  Object.entries(item).reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + valueBytes(value), 0);
const valueBytes = (value: AttributeValue): number => {
  if (value.S !== undefined) return Buffer.byteLength(value.S);
  if (value.N !== undefined) return Math.ceil(value.N.replace(/^-|\.|^0+/g, '').length / 2) + 1;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.L !== undefined) return 3 + value.L.reduce((sum, element) => sum + 1 + valueBytes(element), 0);
  if (value.M !== undefined) return 3 + Object.entries(value.M).reduce((sum, [name, element]) => sum + 1 + Buffer.byteLength(name) + valueBytes(element), 0);
  if (value.SS !== undefined) return value.SS.reduce((sum, element) => sum + Buffer.byteLength(element), 0);
  return 0;
};
const transactionWriteUnits = async (items: readonly TransactWriteItem[]): Promise<number> => {
  let units = 0;
  for (const item of items) {
    const action = item.Put ?? item.Update ?? item.Delete ?? item.ConditionCheck;
    if (!action) continue;
    const key = item.Put ? { pk: item.Put.Item!.pk!, sk: item.Put.Item!.sk! } : (action as { Key: Record<string, AttributeValue> }).Key;
    const { Item } = await dynamodb.send(new GetItemCommand({ TableName: pipeline.tableName, Key: key, ConsistentRead: true }));
    units += 2 * Math.max(1, Math.ceil(itemBytes(Item ?? key) / 1024));
  }
  return units;
};
// Built as each handler builds its store (functions/surveys/survey-page/handler.ts, functions/surveys/store-survey-answer/handler.ts).
const pageStore = new DynamoDbSurveyAnswerStore(counting, pipeline.tableName, { consistentReads: false });
const consumerStore = new DynamoDbSurveyAnswerStore(counting, pipeline.tableName);
const settings = surveyPolicySettingsSchema.parse({});

const reproduceFlow = async (flow: Flow, count: number) => {
  const invitations = [];
  for (let i = 0; i < count; i++) invitations.push(await sendInvitation(world, {}));
  Object.assign(capacity, { read: 0, write: 0, requests: 0, byCommand: {} });
  for (const sent of invitations) {
    let at = Date.now();
    for (const step of flow.steps) {
      // Every request to the page (survey-page handler) reads the invitation and the contact's locale.
      const opened = await openSurveyLink(() => sent.invitation.invitationId, undefined, pageStore);
      if (opened.kind !== 'opened') throw new Error('the invitation did not open');
      // A GET also reads the response to show it; a POST does not.
      if (step === 'one_click' || step === 'open_page') await pageStore.loadResponse(sent.invitation.invitationId);
      if (QUEUED_BY[step] === 0) continue;
      // The consumer (store-survey-answer): applySurveyAnswer with the message the page queued.
      const source: AnswerSource = step === 'one_click' ? 'one_click' : step === 'post_form' ? 'page' : 'api';
      const answer: SurveyAnswer = step === 'one_click' ? { csat: 4 } : { csat: 4, reasons: ['speed', 'knowledge'] };
      at += 1000;
      await applySurveyAnswer(
        { invitationId: sent.invitation.invitationId, answer, source, submittedAt: new Date(at).toISOString() },
        { store: consumerStore, settings },
      );
    }
  }
  return { ...capacity, byCommand: { ...capacity.byCommand } };
};

// ---- Run ---------------------------------------------------------------------------------------
try {
  // Warm every execution environment first: cold starts are rare at volume.
  await measureFlow(FLOWS[0]!, 20);
  const results = [];
  for (const flow of FLOWS) {
    const measured = await measureFlow(flow, answers);
    const units = await reproduceFlow(flow, Math.min(answers, 50));
    results.push({ flow, measured, units, reproduced: Math.min(answers, 50) });
  }

  const memoryGb = (fn: { memorySize: number }) => fn.memorySize / 1024;
  const messagesPerInvocation = Math.max(1, Math.min(mapping.batchSize, ANSWERS_PER_SECOND * mapping.batchingWindowSeconds));

  console.log(`\nCost per million survey responses, us-east-1 list prices; ${answers} answers per flow through the local pipeline.`);
  console.log('Read from the synthesized template:');
  for (const fn of [page, consumer])
    console.log(
      `  ${fn.logName}: ${fn.memorySize} MB, ${fn.architectures.join(',')}, ${fn.runtime}, timeout ${fn.timeoutSeconds} s, log retention ${fn.retentionDays ?? 'never expires'} days`,
    );
  console.log(`  answer queue mapping: BatchSize ${mapping.batchSize}, MaximumBatchingWindowInSeconds ${mapping.batchingWindowSeconds}`);
  console.log(
    `  HTTP API (${httpApis.length}, protocol HTTP): routes ${answerRoutes.join(', ')}; access log line about ${accessLogBytes} bytes from the stage's format`,
  );
  console.log(`  table billing mode: ${tables.join(', ')}`);
  console.log('Measured (local pipeline): HTTP requests, Lambda invocations and durations (REPORT lines), log bytes per function, SQS messages sent.');
  console.log(
    `Measured (in process, same store and core, ReturnConsumedCapacity on DynamoDB Local): read and write units, ${results[0]!.reproduced} answers per flow.`,
  );
  console.log(
    `Assumed: ${ANSWERS_PER_SECOND} answers/s on the queue, so ${messagesPerInvocation.toFixed(1)} messages per consumer invocation within its window; one ReceiveMessage per message at that rate (a long poll returns on the first message), one DeleteMessageBatch per invocation; messages under 64 KB; +${AWS_PLATFORM_LOG_BYTES_PER_INVOCATION} log bytes per invocation on AWS; idle long polls are a fixed monthly cost, not counted.`,
  );

  const summary: string[][] = [];
  for (const { flow, measured, units, reproduced } of results) {
    const { use, messages, httpRequests } = measured;
    const perResponse = (value: number) => value / answers;
    const pageInvocations = perResponse(httpRequests);
    const pageDurations = use[PAGE]!.durationsMs;
    const consumerDurations = use[CONSUMER]!.durationsMs;
    const messagesPerResponse = perResponse(messages);
    // Billed per invocation, rounded up to the millisecond; the consumer's measured batches are
    // smaller than at volume, so its duration per message is taken as measured (an upper bound).
    const pageGbSeconds = perResponse(pageDurations.reduce((sum, ms) => sum + Math.ceil(ms), 0) / 1000) * memoryGb(page);
    const consumerMsPerMessage = consumerDurations.reduce((sum, ms) => sum + Math.ceil(ms), 0) / messages;
    const consumerGbSeconds = (messagesPerResponse * consumerMsPerMessage * memoryGb(consumer)) / 1000;
    const consumerInvocations = messagesPerResponse / messagesPerInvocation;
    const sqsRequests = messagesPerResponse * (1 + 1) + consumerInvocations;
    const logBytes =
      perResponse(use[PAGE]!.bytes + use[CONSUMER]!.bytes) +
      (pageInvocations + consumerInvocations) * AWS_PLATFORM_LOG_BYTES_PER_INVOCATION +
      pageInvocations * accessLogBytes;
    const readUnits = units.read / reproduced;
    const writeUnits = units.write / reproduced;
    const rows: [string, string, number][] = [
      ['HTTP API requests', `${pageInvocations.toFixed(2)} requests`, pageInvocations * HTTP_API_PER_REQUEST],
      [
        'Lambda requests',
        `${pageInvocations.toFixed(2)} ${PAGE} + ${consumerInvocations.toFixed(2)} ${CONSUMER}`,
        (pageInvocations + consumerInvocations) * LAMBDA_PER_REQUEST,
      ],
      [
        'Lambda duration',
        `${PAGE} median ${median(pageDurations).toFixed(1)} ms, ${CONSUMER} ${consumerMsPerMessage.toFixed(1)} ms/message (${(messages / consumerDurations.length).toFixed(1)} per local batch)`,
        (pageGbSeconds + consumerGbSeconds) * LAMBDA_ARM64_PER_GB_SECOND,
      ],
      [
        'SQS requests',
        `${messagesPerResponse.toFixed(2)} sent + ${messagesPerResponse.toFixed(2)} received + ${consumerInvocations.toFixed(2)} delete batches`,
        sqsRequests * SQS_PER_REQUEST,
      ],
      [
        'DynamoDB reads',
        `${readUnits.toFixed(2)} RRU (all requests: ${Object.entries(units.byCommand)
          .map(([command, n]) => `${(n / reproduced).toFixed(1)} ${command.replace(/Command$/, '')}`)
          .join(', ')})`,
        readUnits * DYNAMODB_PER_READ_UNIT,
      ],
      ['DynamoDB writes', `${writeUnits.toFixed(2)} WRU`, writeUnits * DYNAMODB_PER_WRITE_UNIT],
      ['CloudWatch Logs', `${logBytes.toFixed(0)} bytes`, (logBytes / 1024 ** 3) * CLOUDWATCH_LOGS_PER_GB_INGESTED],
    ];
    const total = rows.reduce((sum, [, , cost]) => sum + cost, 0);
    printTable(
      `${flow.name}: per response`,
      ['item', 'use per response', 'USD per million'],
      [...rows.map(([item, detail, cost]) => [item, detail, (cost * 1e6).toFixed(2)]), ['total', '', (total * 1e6).toFixed(2)]],
    );
    summary.push([flow.name, (total * 1e6).toFixed(2)]);
  }
  printTable('Total per million responses (target: under USD 3)', ['flow', 'USD'], summary);
} finally {
  await pipeline.stop();
}
