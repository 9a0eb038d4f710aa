// Micro-timing of the pieces a handler adds over its bare twin (CPU µs per call, median of blocks).
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import middy from '@middy/core';
import { benchEnvironment, SIGNING_KEY } from './fixtures/environment.ts';
import { httpApiEvent, lambdaContext, sqsEvent, VALID_COMPLAINT_BODY } from './fixtures/events.ts';
import { median, printTable } from './table.ts';

Object.assign(process.env, benchEnvironment('bench'), { COMPLAINT_CATEGORIES: 'slow-response,unresolved,attitude,wrong-advice,billing,other' });
const { acceptComplaint } = await import('../functions/intake/core/accept-complaint.ts');
const { complaintReference } = await import('../functions/intake/core/complaint-reference.ts');
const { signStatusToken, verifyStatusToken } = await import('../functions/intake/core/status-token.ts');
const { recordIdFor } = await import('../functions/platform/record-id.ts');
const { complaintSubmissionSchema } = await import('../functions/intake/contracts/complaint-submission.ts');
const { complaintAcceptedMessage } = await import('../functions/intake/contracts/complaint-accepted-message.ts');
const { readJsonBody } = await import('../functions/platform/http/read-json-body.ts');
const { toAsciiJson } = await import('../functions/platform/queue/sqs-message-queue.ts');

const context = lambdaContext('bench');
const logger = new Logger();
const metrics = new Metrics();
const schema = complaintSubmissionSchema(process.env.COMPLAINT_CATEGORIES!.split(','));
const event = httpApiEvent({ method: 'POST', path: '/complaints', body: VALID_COMPLAINT_BODY });
const accepted = acceptComplaint(JSON.parse(VALID_COMPLAINT_BODY), {
  now: new Date(),
  signingKey: SIGNING_KEY,
  statusTokenTtlDays: 180,
  statusEndpoint: 'https://x/complaints/status',
});
const token = new URL(accepted.receipt.statusUrl).searchParams.get('token')!;
const messageBody = JSON.stringify(accepted.message);
const sqs1 = sqsEvent([messageBody], 'complaints');
const sqs10 = sqsEvent(
  Array.from({ length: 10 }, () => messageBody),
  'complaints',
);
const noop = async () => ({ statusCode: 200 });
const bareMiddy = middy(noop);
const withContext = middy(noop).use(injectLambdaContext(logger));
const withMetricsEmpty = middy(noop).use(logMetrics(metrics));
const withMetricsOne = middy(async () => {
  metrics.addMetric('X', MetricUnit.Count, 1);
  return { statusCode: 200 };
}).use(logMetrics(metrics));
const processor = new BatchProcessor(EventType.SQS);
const recordNoop = async () => undefined;

const pieces: [string, () => unknown][] = [
  ['call of an async no-op (floor)', () => noop()],
  ['middy, no middleware', () => bareMiddy({}, context)],
  ['middy + injectLambdaContext', () => withContext({}, context)],
  ['middy + logMetrics, no metric (warns)', () => withMetricsEmpty({}, context)],
  ['middy + logMetrics, one metric (EMF line)', () => withMetricsOne({}, context)],
  ['logger.info, 2 keys', () => logger.info('Complaint accepted', { complaintId: accepted.receipt.complaintId, category: 'billing' })],
  ['readJsonBody (complaint, zod/mini)', () => readJsonBody(event, schema)],
  ['JSON.parse of the body (bare does this)', () => JSON.parse(event.body!)],
  [
    'acceptComplaint (uuid+SHA-256+HMAC)',
    () =>
      acceptComplaint(JSON.parse(VALID_COMPLAINT_BODY), {
        now: new Date(),
        signingKey: SIGNING_KEY,
        statusTokenTtlDays: 180,
        statusEndpoint: 'https://x/complaints/status',
      }),
  ],
  ['  recordIdFor with key (SHA-256)', () => recordIdFor('complaint', 'k1', VALID_COMPLAINT_BODY)],
  ['  recordIdFor, no key (randomUUID)', () => recordIdFor('complaint', undefined, VALID_COMPLAINT_BODY)],
  ['  complaintReference (SHA-256 + BigInt)', () => complaintReference(accepted.message.complaintId)],
  ['  signStatusToken (HMAC)', () => signStatusToken(accepted.message.complaintId, new Date(), SIGNING_KEY)],
  ['verifyStatusToken (HMAC)', () => verifyStatusToken(token, SIGNING_KEY, new Date(0))],
  ['toAsciiJson (message)', () => toAsciiJson(accepted.message)],
  ['complaintAcceptedMessage.safeParse', () => complaintAcceptedMessage.safeParse(JSON.parse(messageBody))],
  ['processPartialResponse, 1 rec no-op', () => processPartialResponse(sqs1, recordNoop, processor, { context })],
  ['Promise.allSettled, 1 rec no-op', () => Promise.allSettled(sqs1.Records.map(recordNoop))],
  ['processPartialResponse, 10 rec no-op', () => processPartialResponse(sqs10, recordNoop, processor, { context })],
  ['Promise.allSettled, 10 rec no-op', () => Promise.allSettled(sqs10.Records.map(recordNoop))],
];

const stdoutWrite = process.stdout.write;
const silence = () => {
  process.stdout.write = (() => true) as typeof process.stdout.write;
  process.stderr.write = process.stdout.write;
};
const restore = () => {
  process.stdout.write = stdoutWrite;
  process.stderr.write = stdoutWrite;
};
const rows: string[][] = [];
for (const [name, run] of pieces) {
  silence();
  for (let i = 0; i < 3000; i++) await run();
  const blocks: number[] = [];
  for (let b = 0; b < 9; b++) {
    const before = process.cpuUsage();
    for (let i = 0; i < 2000; i++) await run();
    const used = process.cpuUsage(before);
    blocks.push((used.user + used.system) / 2000);
  }
  restore();
  rows.push([name, median(blocks).toFixed(2)]);
}
printTable('CPU µs per call', ['piece', 'µs'], rows);
