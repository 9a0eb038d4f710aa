// CPU per event of each handler against its bare twin (DESIGN.md, "Lean functions": middleware,
// validation and logging within 20%), twice: (1) the AWS SDK answered by aws-sdk-client-mock, which
// replaces `client.send` for both, so the figures hold the handlers' own work only; (2) the SDK's
// whole middleware stack (serialise, sign, deserialise, SQS MD5 check) running and only the HTTP
// handler answered in-process, which is what a Lambda pays per event besides the network wait.
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { marshall } from '@aws-sdk/util-dynamodb';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { acceptComplaint } from '../functions/shared/core/accept-complaint.ts';
import { acceptFeedback } from '../functions/shared/core/accept-feedback.ts';
import { complaintItem } from '../functions/shared/core/complaint-record.ts';
import type { TwinnedFunctionName, Variant } from './bundling.ts';
import { benchEnvironment, SIGNING_KEY } from './fixtures/environment.ts';
import { httpApiEvent, lambdaContext, sqsEvent, VALID_COMPLAINT_BODY, VALID_FEEDBACK_BODY } from './fixtures/events.ts';
import { median, printTable, ratio } from './table.ts';

const WARMUP_INVOCATIONS = 1_000;
const ROUNDS = 10;
const BLOCK_INVOCATIONS = 500;
/** The event source mapping's batch size in infra/constructs/intake-queue.ts (default 10), and a lone message. */
const CONSUMER_BATCH_SIZES = [1, 10] as const;

export type Invoke = (event: unknown, context: Context) => Promise<unknown>;

export interface Scenario {
  readonly name: TwinnedFunctionName;
  readonly label: string;
  readonly recordsPerEvent: number;
  readonly event: () => unknown;
  /** Refuses a run whose handler answered with an error: its CPU would describe the wrong path. */
  readonly isSuccess: (result: unknown) => boolean;
}

const isStatus =
  (...codes: number[]) =>
  (result: unknown) =>
    codes.includes((result as { statusCode?: number } | undefined)?.statusCode ?? 0);
const hasNoBatchFailures = (result: unknown) => (result as { batchItemFailures?: unknown[] } | undefined)?.batchItemFailures?.length === 0;

export const scenarios = (): Scenario[] => {
  const now = new Date();
  const complaint = acceptComplaint(JSON.parse(VALID_COMPLAINT_BODY), {
    now,
    signingKey: SIGNING_KEY,
    statusTokenTtlDays: 180,
    statusEndpoint: 'https://abc123def4.execute-api.eu-west-1.amazonaws.com/complaints/status',
  });
  const feedback = acceptFeedback(JSON.parse(VALID_FEEDBACK_BODY), { now });
  const token = new URL(complaint.receipt.statusUrl).searchParams.get('token') ?? '';
  const complaintMessage = JSON.stringify(complaint.message);
  const feedbackMessage = JSON.stringify(feedback);
  return [
    {
      name: 'submit-complaint',
      label: 'submit-complaint',
      recordsPerEvent: 1,
      event: () => httpApiEvent({ method: 'POST', path: '/complaints', body: VALID_COMPLAINT_BODY }),
      isSuccess: isStatus(202),
    },
    {
      name: 'complaint-status',
      label: 'complaint-status',
      recordsPerEvent: 1,
      event: () => httpApiEvent({ method: 'GET', path: '/complaints/status', query: { token } }),
      isSuccess: isStatus(200),
    },
    {
      name: 'submit-feedback',
      label: 'submit-feedback',
      recordsPerEvent: 1,
      event: () => httpApiEvent({ method: 'POST', path: '/feedback', body: VALID_FEEDBACK_BODY }),
      isSuccess: isStatus(202),
    },
    ...CONSUMER_BATCH_SIZES.flatMap((size): Scenario[] => [
      {
        name: 'store-complaint',
        label: `store-complaint (${size} rec)`,
        recordsPerEvent: size,
        event: () =>
          sqsEvent(
            Array.from({ length: size }, () => complaintMessage),
            'complaints',
          ),
        isSuccess: hasNoBatchFailures,
      },
      {
        name: 'store-feedback',
        label: `store-feedback (${size} rec)`,
        recordsPerEvent: size,
        event: () =>
          sqsEvent(
            Array.from({ length: size }, () => feedbackMessage),
            'feedback',
          ),
        isSuccess: hasNoBatchFailures,
      },
    ]),
  ];
};

/** Stubs every SDK call the handlers make, before any handler module (and its top-level await) loads. */
export const stubAwsSdk = () => {
  const storedComplaint = complaintItem(
    acceptComplaint(JSON.parse(VALID_COMPLAINT_BODY), {
      now: new Date(),
      signingKey: SIGNING_KEY,
      statusTokenTtlDays: 180,
      statusEndpoint: 'https://example.com/complaints/status',
    }).message,
    { receivedAt: new Date(), retentionDays: 730 },
  );
  const mocks = [mockClient(SecretsManagerClient), mockClient(SQSClient), mockClient(DynamoDBClient)] as const;
  const [secretsManager, sqs, dynamodb] = mocks;
  secretsManager.on(GetSecretValueCommand).resolves({ SecretString: SIGNING_KEY });
  sqs.on(SendMessageCommand).resolves({ MessageId: '5fea7756-0ea4-451a-a703-a558b933e274', MD5OfMessageBody: 'e4e68fb7' });
  dynamodb.on(PutItemCommand).resolves({});
  dynamodb.on(GetItemCommand).resolves({ Item: marshall(storedComplaint, { removeUndefinedValues: true }) });
  // sinon keeps every call's arguments; cleared between blocks so memory does not grow with the run.
  return {
    storedComplaint,
    resetHistory: () => {
      for (const mock of mocks) mock.resetHistory();
    },
    restore: () => {
      for (const mock of mocks) mock.restore();
    },
  };
};

/**
 * Answers at the HTTP layer instead: every client's NodeHttpHandler (one shared class, reached
 * through a throwaway client's config) returns what the service would, so the SDK's serialisers,
 * SigV4 signing, deserialisers and SQS's MD5-of-body check all run as in production.
 */
export const answerSdkOverHttp = (storedItem: Record<string, unknown>): void => {
  const probe = new SQSClient({});
  const handlerClass = Object.getPrototypeOf(probe.config.requestHandler) as {
    handle: (request: { headers: Record<string, string>; body?: unknown }) => Promise<unknown>;
  };
  probe.destroy();
  const getItemBody = JSON.stringify({ Item: marshall(storedItem, { removeUndefinedValues: true }) });
  handlerClass.handle = async (request) => {
    const target = request.headers['x-amz-target'] ?? '';
    const body = (() => {
      switch (target) {
        case 'AmazonSQS.SendMessage': {
          const { MessageBody } = JSON.parse(String(request.body)) as { MessageBody: string };
          return JSON.stringify({
            MessageId: '5fea7756-0ea4-451a-a703-a558b933e274',
            MD5OfMessageBody: createHash('md5').update(MessageBody).digest('hex'),
          });
        }
        case 'DynamoDB_20120810.PutItem':
          return '{}';
        case 'DynamoDB_20120810.GetItem':
          return getItemBody;
        case 'secretsmanager.GetSecretValue':
          return JSON.stringify({ SecretString: SIGNING_KEY, ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:key', Name: 'key' });
        default:
          throw new Error(`No stubbed answer for ${target}`);
      }
    })();
    return {
      response: {
        statusCode: 200,
        reason: 'OK',
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'bench', 'content-length': String(Buffer.byteLength(body)) },
        body: Readable.from([Buffer.from(body)]),
      },
    };
  };
};

export const loadHandler = async (name: TwinnedFunctionName, variant: Variant): Promise<Invoke> => {
  const module = (await (variant === 'function' ? import(`../functions/${name}/handler.ts`) : import(`./bare/${name}.ts`))) as { handler: Invoke };
  return module.handler;
};

/**
 * Runs `count` invocations with the process's stdout and stderr writes replaced by a no-op: the
 * handlers still build and serialise every log and EMF line (that cost is theirs), but no bytes
 * reach a terminal or pipe, whose speed would otherwise dominate. Returns CPU µs and writes made.
 */
const invokeSilently = async (
  invoke: Invoke,
  event: unknown,
  context: Context,
  count: number,
  isSuccess?: (result: unknown) => boolean,
): Promise<{ cpuMicros: number; writes: number }> => {
  const stdoutWrite = process.stdout.write;
  const stderrWrite = process.stderr.write;
  let writes = 0;
  const discard = (() => {
    writes++;
    return true;
  }) as typeof process.stdout.write;
  process.stdout.write = discard;
  process.stderr.write = discard;
  let failure: unknown;
  const before = process.cpuUsage();
  try {
    for (let i = 0; i < count; i++) {
      const result = await invoke(event, context);
      if (isSuccess && !isSuccess(result)) {
        failure = result;
        break;
      }
    }
  } finally {
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
  }
  const used = process.cpuUsage(before);
  if (failure !== undefined) throw new Error(`Handler did not succeed: ${JSON.stringify(failure)}`);
  return { cpuMicros: used.user + used.system, writes };
};

const measureScenario = async (scenario: Scenario, handlers: Record<Variant, Invoke>, resetHistory: () => void) => {
  const context = lambdaContext(scenario.name);
  const events: Record<Variant, unknown> = { function: scenario.event(), bare: scenario.event() };
  for (const variant of ['function', 'bare'] as const) {
    await invokeSilently(handlers[variant], events[variant], context, WARMUP_INVOCATIONS, scenario.isSuccess);
  }
  const perEvent: Record<Variant, number[]> = { function: [], bare: [] };
  const writes: Record<Variant, number> = { function: 0, bare: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate which goes first, so neither always runs right after the other's garbage.
    const order: Variant[] = round % 2 === 0 ? ['function', 'bare'] : ['bare', 'function'];
    for (const variant of order) {
      resetHistory();
      const block = await invokeSilently(handlers[variant], events[variant], context, BLOCK_INVOCATIONS);
      perEvent[variant].push(block.cpuMicros / BLOCK_INVOCATIONS);
      writes[variant] += block.writes;
    }
  }
  const fn = median(perEvent.function);
  const bare = median(perEvent.bare);
  const pairedRatio = median(perEvent.function.map((value, round) => value / perEvent.bare[round]!));
  const invocations = ROUNDS * BLOCK_INVOCATIONS;
  return [
    scenario.label,
    fn.toFixed(1),
    bare.toFixed(1),
    ratio(pairedRatio),
    (fn - bare).toFixed(1),
    ((fn - bare) / scenario.recordsPerEvent).toFixed(1),
    (writes.function / invocations).toFixed(1),
    (writes.bare / invocations).toFixed(1),
  ];
};

const HEADER = ['event', 'function µs', 'bare µs', 'paired ratio', 'extra µs', 'extra µs/rec', 'writes/ev fn', 'bare'];

export const runHandlerCpu = async (): Promise<void> => {
  Object.assign(process.env, benchEnvironment('bench'));
  const sdk = stubAwsSdk();
  const handlers = new Map<TwinnedFunctionName, Record<Variant, Invoke>>();
  // Only the functions a scenario covers: the others' events and SDK answers are not written yet.
  for (const name of new Set(scenarios().map((scenario) => scenario.name))) {
    handlers.set(name, { function: await loadHandler(name, 'function'), bare: await loadHandler(name, 'bare') });
  }
  const caption = `${ROUNDS} alternating blocks of ${BLOCK_INVOCATIONS} after ${WARMUP_INVOCATIONS} warm-up; budget: function/bare <= 1.20x`;

  const stubbedRows: string[][] = [];
  for (const scenario of scenarios()) stubbedRows.push(await measureScenario(scenario, handlers.get(scenario.name)!, sdk.resetHistory));
  printTable(`Handler CPU per event, SDK send() stubbed by aws-sdk-client-mock (user+system µs; ${caption})`, HEADER, stubbedRows);

  sdk.restore();
  answerSdkOverHttp(sdk.storedComplaint);
  const fullStackRows: string[][] = [];
  for (const scenario of scenarios()) fullStackRows.push(await measureScenario(scenario, handlers.get(scenario.name)!, () => undefined));
  printTable(`Handler CPU per event, full SDK stack, HTTP answered in-process (user+system µs; ${caption})`, HEADER, fullStackRows);

  console.log(
    'Medians of per-block CPU per event; paired ratio: median of per-round function/bare. TypeScript sources\n' +
      'run through tsx. Powertools at its default INFO level; stdout/stderr writes are counted ("writes/ev")\n' +
      'but discarded during the loops, so log serialisation is measured and terminal I/O is not.',
  );
};

if (import.meta.url === `file://${process.argv[1]}`) await runHandlerCpu();
