// CPU per event of each handler against its bare twin (DESIGN.md, "Lean functions": middleware,
// validation and logging within 20%), twice: (1) the AWS SDK answered by aws-sdk-client-mock, which
// replaces `client.send` for both, so the figures hold the handlers' own work only; (2) the SDK's
// whole middleware stack (serialise, sign, deserialise, SQS MD5 check) running and only the HTTP
// handler answered in-process, which is what a Lambda pays per event besides the network wait.
import {
  BatchGetItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { acceptFeedback } from '../functions/intake/core/accept-feedback.ts';
import { surveyResponseId } from '../functions/surveys/core/record-survey-answer.ts';
import { signSurveyToken } from '../functions/surveys/core/survey-token.ts';
import { signUnsubscribeToken } from '../functions/surveys/core/unsubscribe-token.ts';
import { caseResolved } from '../test/unit/surveys/core/survey-fixtures.ts';
import { bundleHandler, type TwinnedFunctionName, type Variant } from './bundling.ts';
import { benchEnvironment, SIGNING_KEY } from './fixtures/environment.ts';
import { asVerifiedCaller, httpApiEvent, lambdaContext, sqsEvent, VALID_COMPLAINT_BODY, VALID_FEEDBACK_BODY } from './fixtures/events.ts';
import { benchComplaint, benchInvitation, type SdkOperation, sdkAnswers, storedItems } from './fixtures/sdk-answers.ts';
import { median, printTable, ratio } from './table.ts';
import { handlerEntryOf } from '../infra/function-handlers.ts';

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
  const complaint = benchComplaint;
  const feedback = acceptFeedback(JSON.parse(VALID_FEEDBACK_BODY), { now });
  const token = new URL(complaint.receipt.statusUrl).searchParams.get('token') ?? '';
  const complaintMessage = JSON.stringify(complaint.message);
  const feedbackMessage = JSON.stringify(feedback);
  const survey = benchInvitation(now);
  const surveyToken = signSurveyToken(survey.invitationId, new Date(survey.expiresAt), SIGNING_KEY);
  const unsubscribeToken = signUnsubscribeToken(survey.invitationId, new Date(survey.expiresAt), SIGNING_KEY);
  const surveyAnswerMessage = JSON.stringify({
    type: 'survey.answer_submitted',
    version: 1,
    invitationId: survey.invitationId,
    responseId: surveyResponseId(survey.invitationId),
    source: 'page',
    submittedAt: now.toISOString(),
    answer: { csat: 4, reasons: [], comment: 'Quick and clear.' },
  });
  const caseResolvedBody = JSON.stringify(caseResolved({ resolvedAt: new Date(now.getTime() - 2 * 3_600_000).toISOString() }));
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
      {
        name: 'store-survey-answer',
        label: `store-survey-answer (${size} rec)`,
        recordsPerEvent: size,
        event: () =>
          sqsEvent(
            Array.from({ length: size }, () => surveyAnswerMessage),
            'survey-answers',
          ),
        isSuccess: hasNoBatchFailures,
      },
    ]),
    {
      name: 'record-case-resolution',
      label: 'record-case-resolution',
      recordsPerEvent: 1,
      event: () => httpApiEvent({ method: 'POST', path: '/cases/resolved', body: caseResolvedBody }),
      isSuccess: isStatus(202),
    },
    {
      name: 'survey-page',
      label: 'survey-page (GET page)',
      recordsPerEvent: 1,
      event: () => ({
        ...httpApiEvent({ method: 'GET', path: `/s/${surveyToken}`, headers: { accept: 'text/html' } }),
        pathParameters: { token: surveyToken },
      }),
      isSuccess: isStatus(200),
    },
    {
      name: 'survey-page',
      label: 'survey-page (POST form)',
      recordsPerEvent: 1,
      event: () => ({
        ...httpApiEvent({
          method: 'POST',
          path: `/s/${surveyToken}`,
          body: 'score=4&comment=Quick+and+clear',
          headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
        }),
        pathParameters: { token: surveyToken },
      }),
      isSuccess: isStatus(200),
    },
    {
      name: 'unsubscribe',
      label: 'unsubscribe (GET page)',
      recordsPerEvent: 1,
      event: () => ({ ...httpApiEvent({ method: 'GET', path: `/u/${unsubscribeToken}` }), pathParameters: { token: unsubscribeToken } }),
      isSuccess: isStatus(200),
    },
    {
      name: 'unsubscribe',
      label: 'unsubscribe (one-click POST)',
      recordsPerEvent: 1,
      event: () => ({
        ...httpApiEvent({
          method: 'POST',
          path: `/u/${unsubscribeToken}`,
          body: 'List-Unsubscribe=One-Click',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        }),
        pathParameters: { token: unsubscribeToken },
      }),
      isSuccess: isStatus(200),
    },
    {
      name: 'supervisor-api',
      label: 'supervisor-api (GET /escalations)',
      recordsPerEvent: 1,
      event: () => {
        // The token in the header and its claims as strings, as API Gateway's JWT authorizer passes them on.
        return asVerifiedCaller(
          { ...httpApiEvent({ method: 'GET', path: '/escalations' }), routeKey: 'GET /escalations' },
          {
            sub: '7d0c5d2e-4f61-4a0b-9c1e-2b8f3e6a9d10',
            'cognito:username': 'sup-general-ana',
            token_use: 'id',
            'cognito:groups': ['supervisor'],
            'custom:team': 'general-support',
            exp: 1795000000,
          },
        );
      },
      isSuccess: isStatus(200),
    },
    {
      name: 'console',
      label: 'console (GET app.js, gzip)',
      recordsPerEvent: 1,
      event: () => ({
        ...httpApiEvent({ method: 'GET', path: '/console/app.js', headers: { 'accept-encoding': 'gzip, br' } }),
        routeKey: 'GET /console/{asset}',
        pathParameters: { asset: 'app.js' },
      }),
      isSuccess: isStatus(200),
    },
  ];
};

/** Stubs every SDK call the handlers make, before any handler module (and its top-level await) loads. */
export const stubAwsSdk = () => {
  const items = storedItems(new Date());
  const answers = sdkAnswers(items);
  const dynamodb = mockClient(DynamoDBClient);
  const sqs = mockClient(SQSClient);
  const ses = mockClient(SESv2Client);
  const secretsManager = mockClient(SecretsManagerClient);
  const mocks = [dynamodb, sqs, ses, secretsManager] as const;
  dynamodb.on(GetItemCommand).callsFake(answers.GetItem);
  dynamodb.on(BatchGetItemCommand).callsFake(answers.BatchGetItem);
  dynamodb.on(QueryCommand).callsFake(answers.Query);
  dynamodb.on(PutItemCommand).callsFake(answers.PutItem);
  dynamodb.on(UpdateItemCommand).callsFake(answers.UpdateItem);
  dynamodb.on(TransactWriteItemsCommand).callsFake(answers.TransactWriteItems);
  sqs.on(SendMessageCommand).callsFake(answers.SendMessage);
  ses.on(SendEmailCommand).callsFake(answers.SendEmail);
  secretsManager.on(GetSecretValueCommand).callsFake(answers.GetSecretValue);
  // sinon keeps every call's arguments; cleared between blocks so memory does not grow with the run.
  return {
    items,
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
export const answerSdkOverHttp = (items: readonly Record<string, unknown>[]): void => {
  const probe = new SQSClient({});
  const handlerClass = Object.getPrototypeOf(probe.config.requestHandler) as {
    handle: (request: { headers: Record<string, string>; path: string; body?: unknown }) => Promise<unknown>;
  };
  probe.destroy();
  const answers = sdkAnswers(items);
  handlerClass.handle = async (request) => {
    // The JSON protocols name the operation in X-Amz-Target; SESv2 (REST-JSON) in its path.
    const target = request.headers['x-amz-target'];
    const operation = (target?.split('.')[1] ?? (request.path.startsWith('/v2/email/outbound-emails') ? 'SendEmail' : '')) as SdkOperation;
    if (!(operation in answers)) throw new Error(`No stubbed answer for ${target ?? request.path}`);
    const body = JSON.stringify(answers[operation](request.body === undefined ? {} : JSON.parse(String(request.body))));
    return {
      response: {
        statusCode: 200,
        reason: 'OK',
        headers: {
          'content-type': target === undefined ? 'application/json' : 'application/x-amz-json-1.0',
          'x-amzn-requestid': 'bench',
          'content-length': String(Buffer.byteLength(body)),
        },
        body: Readable.from([Buffer.from(body)]),
      },
    };
  };
};

export const loadHandler = async (name: TwinnedFunctionName, variant: Variant): Promise<Invoke> => {
  // The console reads its browser files from beside its bundle, so both of its variants run bundled.
  if (name === 'console') return ((await import(pathToFileURL((await bundleHandler(name, variant)).outfile).href)) as { handler: Invoke }).handler;
  const module = (await (variant === 'function' ? import(pathToFileURL(handlerEntryOf(name)).href) : import(`./bare/${name}.ts`))) as { handler: Invoke };
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

/** `labels` picks scenarios by label, e.g. `store-complaint (1 rec)`; none runs them all. */
export const runHandlerCpu = async (labels: readonly string[] = []): Promise<void> => {
  Object.assign(process.env, benchEnvironment('bench'));
  const sdk = stubAwsSdk();
  const unknown = labels.filter((label) => !scenarios().some((scenario) => scenario.label === label));
  if (unknown.length > 0)
    throw new Error(
      `No scenario labelled ${unknown.join(', ')}; labels: ${scenarios()
        .map((scenario) => scenario.label)
        .join(', ')}`,
    );
  const chosen = () => scenarios().filter((scenario) => labels.length === 0 || labels.includes(scenario.label));
  const handlers = new Map<TwinnedFunctionName, Record<Variant, Invoke>>();
  // Only the functions a scenario covers: the others' events and SDK answers are not written yet.
  for (const name of new Set(chosen().map((scenario) => scenario.name))) {
    handlers.set(name, { function: await loadHandler(name, 'function'), bare: await loadHandler(name, 'bare') });
  }
  const caption = `${ROUNDS} alternating blocks of ${BLOCK_INVOCATIONS} after ${WARMUP_INVOCATIONS} warm-up; budget: function/bare <= 1.20x`;

  const stubbedRows: string[][] = [];
  for (const scenario of chosen()) stubbedRows.push(await measureScenario(scenario, handlers.get(scenario.name)!, sdk.resetHistory));
  printTable(`Handler CPU per event, SDK send() stubbed by aws-sdk-client-mock (user+system µs; ${caption})`, HEADER, stubbedRows);

  sdk.restore();
  answerSdkOverHttp(sdk.items);
  const fullStackRows: string[][] = [];
  for (const scenario of chosen()) fullStackRows.push(await measureScenario(scenario, handlers.get(scenario.name)!, () => undefined));
  printTable(`Handler CPU per event, full SDK stack, HTTP answered in-process (user+system µs; ${caption})`, HEADER, fullStackRows);

  console.log(
    'Medians of per-block CPU per event; paired ratio: median of per-round function/bare. TypeScript sources\n' +
      'run through tsx. Powertools at its default INFO level; stdout/stderr writes are counted ("writes/ev")\n' +
      'but discarded during the loops, so log serialisation is measured and terminal I/O is not.',
  );
};

// `npm run bench:cpu -- ['<scenario label>'…]`, as handler-profile.ts takes them.
if (import.meta.url === `file://${process.argv[1]}`) await runHandlerCpu(process.argv.slice(2));
