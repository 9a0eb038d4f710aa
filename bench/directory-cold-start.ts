// A cold start at an organisation's size (issue 17: 500 supervisors in 50 teams). The functions
// read the supervisor directory on their first request, not at init, so what a directory's size
// adds to a cold start is that request: this runs the deployed-style supervisor-api bundle in a
// fresh node per run (init, then its first `GET /people` as an admin, which reads the whole
// directory), against a DynamoDB stub answering the directory item of the shipped 11 people or of
// 501, paired runs alternating which goes first. The stub answers on loopback, so the figures
// leave out DynamoDB's own time for the larger item (45 KB: 6 read units, eventually consistent).
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { SupervisorDirectory } from '../functions/escalation/contracts/supervisor-directory.ts';
import { loadEscalationSettings } from '../infra/escalation-settings.ts';
import { bundleHandler } from './bundling.ts';
import { benchEnvironment, SIGNING_KEY, SIGNING_KEY_SECRET_ARN } from './fixtures/environment.ts';
import { asVerifiedCaller, httpApiEvent } from './fixtures/events.ts';
import { organisation } from '../test/helpers/organisation-directory.ts';
import { median, printTable, ratio } from './table.ts';

const PAIRS = 15;
const RESULT_MARKER = 'DIRECTORY-COLD-START ';

const CHILD_SOURCE = `
const { handler } = await import(process.argv[1]);
const evaluated = performance.now();
const context = { functionName: 'supervisor-api', functionVersion: '$LATEST', awsRequestId: 'bench-1', memoryLimitInMB: '256',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:supervisor-api', logGroupName: 'bench', logStreamName: 'bench',
  callbackWaitsForEmptyEventLoop: false, getRemainingTimeInMillis: () => 10000, done() {}, fail() {}, succeed() {} };
const answer = await handler(JSON.parse(process.env.BENCH_EVENT), context);
const answered = performance.now();
process.stdout.write('\\n${RESULT_MARKER}' + JSON.stringify({ evaluated, firstRequest: answered - evaluated, status: answer.statusCode, bytes: answer.body.length }) + '\\n');
process.exit(0);
`;

/** Answers GetSecretValue (the signing key) and DynamoDB's GetItem (the directory item), each as its service's JSON protocol does. */
const startStub = async (directory: SupervisorDirectory) => {
  const item = JSON.stringify({
    Item: marshall({ pk: 'DIRECTORY', sk: 'CURRENT', directory, version: 1, updatedAt: '2026-12-01T00:00:00.000Z', updatedBy: 'seed' }),
  });
  let getItems = 0;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    request.resume();
    request.on('end', () => {
      const target = String(request.headers['x-amz-target'] ?? '');
      if (target === 'secretsmanager.GetSecretValue') {
        response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        response.end(JSON.stringify({ ARN: SIGNING_KEY_SECRET_ARN, Name: 'link-signing-key', SecretString: SIGNING_KEY, VersionStages: ['AWSCURRENT'] }));
      } else if (target === 'DynamoDB_20120810.GetItem') {
        getItems += 1;
        response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
        response.end(item);
      } else {
        response.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
        response.end(JSON.stringify({ __type: 'UnknownOperationException', message: `Not stubbed: ${target}` }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, itemBytes: item.length, getItems: () => getItems, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
};

interface Sample {
  readonly evaluated: number;
  readonly firstRequest: number;
  readonly status: number;
}

const run = (bundle: string, env: NodeJS.ProcessEnv): Promise<Sample> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD_SOURCE, pathToFileURL(bundle).href], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = stdout.split('\n').find((candidate) => candidate.startsWith(RESULT_MARKER));
      if (code !== 0 || !line) return reject(new Error(`supervisor-api failed (exit ${code}):\n${stderr}${stdout}`));
      const sample = JSON.parse(line.slice(RESULT_MARKER.length)) as Sample;
      if (sample.status !== 200) return reject(new Error(`GET /people answered ${sample.status}:\n${stdout}`));
      resolve(sample);
    });
  });

const event = asVerifiedCaller(
  { ...httpApiEvent({ method: 'GET', path: '/people' }), routeKey: 'GET /people' },
  { sub: '7d0c5d2e-4f61-4a0b-9c1e-2b8f3e6a9d10', 'cognito:username': 'admin-grace', token_use: 'id', 'cognito:groups': ['admin'], exp: 4102444800 },
);
const cases = [
  { name: 'shipped (11 people, 3 teams)', directory: loadEscalationSettings().directory },
  { name: '500 supervisors in 50 teams', directory: organisation(50, 9) },
];
const stubs = await Promise.all(cases.map(({ directory }) => startStub(directory)));
try {
  const { outfile } = await bundleHandler('supervisor-api', 'function');
  const envOf = (index: number) => ({
    ...process.env,
    ...benchEnvironment('supervisor-api'),
    AWS_ENDPOINT_URL_SECRETS_MANAGER: stubs[index]!.url,
    AWS_ENDPOINT_URL_DYNAMODB: stubs[index]!.url,
    BENCH_EVENT: JSON.stringify(event),
  });
  // One discarded run each, so both start from a warm file cache.
  for (const index of [0, 1]) await run(outfile, envOf(index));
  const samples = cases.map(() => [] as Sample[]);
  for (let pair = 0; pair < PAIRS; pair++) {
    for (const index of pair % 2 === 0 ? [0, 1] : [1, 0]) samples[index]!.push(await run(outfile, envOf(index)));
  }
  const pick = (index: number, field: 'evaluated' | 'firstRequest') => samples[index]!.map((sample) => sample[field]);
  const paired = (field: 'evaluated' | 'firstRequest') => ratio(median(pick(1, field).map((value, pair) => value / pick(0, field)[pair]!)));
  printTable(
    `supervisor-api cold start by directory size: a fresh node per run, ${PAIRS} alternating pairs, medians in ms`,
    ['directory', 'item KB', 'start->init done', 'first GET /people', 'cold start total'],
    cases.map(({ name }, index) => [
      name,
      (stubs[index]!.itemBytes / 1024).toFixed(1),
      median(pick(index, 'evaluated')).toFixed(1),
      median(pick(index, 'firstRequest')).toFixed(1),
      median(samples[index]!.map((sample) => sample.evaluated + sample.firstRequest)).toFixed(1),
    ]),
  );
  console.log(
    `500 vs shipped, paired: init ${paired('evaluated')}, first request ${paired('firstRequest')}. ` +
      `The first request reads the directory once (${stubs.map((stub) => stub.getItems()).join(' and ')} GetItems in all, one per run).`,
  );
} finally {
  await Promise.all(stubs.map((stub) => stub.close()));
}
