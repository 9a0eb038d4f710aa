import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { signSurveyToken } from '../../../../functions/surveys/core/survey-token.ts';
import { captureOutput } from '../../../helpers/capture-output.ts';
import { httpEvent, lambdaContext } from '../../../helpers/events.ts';
import { invitation } from '../core/survey-fixtures.ts';
import { stubEnvironment } from '../../../helpers/stub-environment.ts';

// Failure paths the emulators cannot produce (a throttled table); the happy paths run in
// test/integration/survey-pages.test.ts against DynamoDB Local and fauxqs.
const SIGNING_KEY = 'k'.repeat(64);
const dynamodb = mockClient(DynamoDBClient);
const sqs = mockClient(SQSClient);
const secrets = mockClient(SecretsManagerClient);
let handler: typeof import('../../../../functions/surveys/survey-page/handler.ts').handler;

beforeAll(async () => {
  stubEnvironment({
    TABLE_NAME: 'table',
    SIGNING_KEY_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:signing',
    SURVEY_ANSWER_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/answers',
    SURVEY_POLICY: '{}',
    POWERTOOLS_METRICS_NAMESPACE: 'Test',
    POWERTOOLS_SERVICE_NAME: 'survey-page',
  });
  secrets.on(GetSecretValueCommand).resolves({ SecretString: SIGNING_KEY });
  ({ handler } = await import('../../../../functions/surveys/survey-page/handler.ts'));
});
beforeEach(() => {
  dynamodb.reset();
  sqs.reset();
});
afterEach(() => vi.restoreAllMocks());

const live = invitation({ expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
const token = signSurveyToken(live.invitationId, new Date(live.expiresAt), SIGNING_KEY);
// The route's path parameter, as API Gateway fills it.
const withToken = (event: ReturnType<typeof httpEvent>) => ({ ...event, pathParameters: { token } });
const get = (headers: Record<string, string>, query?: Record<string, string>) =>
  handler(withToken(httpEvent({ method: 'GET', path: `/s/${token}`, body: undefined, headers, query })), lambdaContext());

describe('GET /s/{token} when a dependency fails', () => {
  it('shows a browser the localized error page with 503, and logs no personal data', async () => {
    const output = captureOutput();
    dynamodb.on(GetItemCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $fault: 'client' }));
    const response = await get({ accept: 'text/html', 'accept-language': 'ja' });
    expect(response.statusCode).toBe(503);
    expect(response.headers?.['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers?.['content-security-policy']).toContain("default-src 'none'");
    expect(response.body).toContain('エラーが発生しました');
    expect(response.body).not.toMatch(/Throttling|Rate exceeded|at \w+ \(/);
    expect(output()).not.toContain(token);
  });

  it('gives a JSON client the JSON error body with 503', async () => {
    captureOutput();
    dynamodb.on(GetItemCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $fault: 'client' }));
    const response = await get({ accept: 'application/json' });
    expect(response.statusCode).toBe(503);
    expect(JSON.parse(response.body!)).toMatchObject({ error: { code: 'service_unavailable' } });
  });

  it('still shows the page with the score pre-selected when the queue refuses a one-click score', async () => {
    captureOutput();
    dynamodb.on(GetItemCommand).resolves({});
    dynamodb.on(GetItemCommand, { Key: marshall({ pk: `INVITATION#${live.invitationId}`, sk: 'INVITATION' }) }).resolves({ Item: marshall({ ...live }) });
    sqs.on(SendMessageCommand).rejects(Object.assign(new Error('busy'), { name: 'ServiceUnavailable', $fault: 'server' }));
    const response = await get({ accept: 'text/html' }, { score: '2' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('id="score-2" name="score" value="2" checked');
  });
});

describe('GET /s/{token} reads', () => {
  it('reads the invitation, contact and response eventually consistent, half a read unit each', async () => {
    captureOutput();
    dynamodb.on(GetItemCommand).resolves({});
    dynamodb.on(GetItemCommand, { Key: marshall({ pk: `INVITATION#${live.invitationId}`, sk: 'INVITATION' }) }).resolves({ Item: marshall({ ...live }) });
    expect((await get({ accept: 'text/html' })).statusCode).toBe(200);
    const reads = dynamodb.commandCalls(GetItemCommand).map((call) => call.args[0].input);
    expect(reads).toHaveLength(3);
    for (const read of reads) expect(read.ConsistentRead).toBe(false);
  });

  it('answers a POST after reading the invitation and the contact only, not the response', async () => {
    captureOutput();
    dynamodb.on(GetItemCommand).resolves({});
    dynamodb.on(GetItemCommand, { Key: marshall({ pk: `INVITATION#${live.invitationId}`, sk: 'INVITATION' }) }).resolves({ Item: marshall({ ...live }) });
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm-1' });
    const response = await handler(
      withToken(httpEvent({ method: 'POST', path: `/s/${token}`, body: JSON.stringify({ csat: 4 }), headers: { 'content-type': 'application/json' } })),
      lambdaContext(),
    );
    expect(response.statusCode).toBe(202);
    const keys = dynamodb.commandCalls(GetItemCommand).map((call) => call.args[0].input.Key?.sk?.S);
    expect(keys.sort()).toEqual(['CONTACT', 'INVITATION']);
  });
});

describe('POST /s/{token} with a field named twice', () => {
  const post = (body: string, contentType: string, accept = 'text/html') =>
    handler(withToken(httpEvent({ method: 'POST', path: `/s/${token}`, body, headers: { 'content-type': contentType, accept } })), lambdaContext());
  beforeEach(() => {
    dynamodb.on(GetItemCommand).resolves({});
    dynamodb.on(GetItemCommand, { Key: marshall({ pk: `INVITATION#${live.invitationId}`, sk: 'INVITATION' }) }).resolves({ Item: marshall({ ...live }) });
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm-1' });
  });

  it('refuses the JSON answer {"csat":3,"csat":1} with 400 duplicate_key and queues nothing', async () => {
    captureOutput();
    const response = await post('{"csat":3,"csat":1}', 'application/json', 'application/json');
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body!)).toMatchObject({ error: { code: 'duplicate_key', details: [{ path: 'csat' }] } });
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(0);
  });

  it('refuses the form score=3&score=1 the same way, with the 400 error page in the browser, and queues nothing', async () => {
    captureOutput();
    const response = await post('score=3&score=1', 'application/x-www-form-urlencoded');
    expect(response.statusCode).toBe(400);
    expect(response.headers?.['content-type']).toBe('text/html; charset=utf-8');
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(0);
  });

  it('still takes the reasons ticked, one field each, from the form', async () => {
    captureOutput();
    const response = await post('score=2&reasons=speed&reasons=other', 'application/x-www-form-urlencoded');
    expect(response.statusCode).toBe(200);
    const [sent] = sqs.commandCalls(SendMessageCommand);
    expect(JSON.parse(sent!.args[0].input.MessageBody!).answer).toEqual({ csat: 2, reasons: ['speed', 'other'] });
  });
});
