import { DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { captureOutput } from '../../../helpers/capture-output.ts';
import { httpEvent, lambdaContext } from '../../../helpers/events.ts';
import { stubEnvironment } from '../../../helpers/stub-environment.ts';

const dynamodb = mockClient(DynamoDBClient);
let handler: typeof import('../../../../functions/surveys/record-case-resolution/handler.ts').handler;

const body = {
  caseId: 'CASE-42',
  resolvedAt: '2026-11-25T10:00:00Z',
  customer: { id: 'cust-17', email: 'ada@example.com', name: 'Ada Lovelace', tier: 'premium' },
};
const resolve = (json: unknown) => handler(httpEvent({ path: '/cases/resolved', body: JSON.stringify(json) }), lambdaContext('record-case-resolution'));

beforeAll(async () => {
  stubEnvironment({
    TABLE_NAME: 'table',
    SURVEY_POLICY: JSON.stringify({ invitationDelayHours: 24 }),
    POWERTOOLS_METRICS_NAMESPACE: 'Test',
    POWERTOOLS_SERVICE_NAME: 'record-case-resolution',
  });
  ({ handler } = await import('../../../../functions/surveys/record-case-resolution/handler.ts'));
});
beforeEach(() => {
  // The invitation is due at max(resolvedAt + 24 h, now): pin now an hour after the resolution.
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-25T11:00:00Z') });
  dynamodb.reset();
  dynamodb.on(GetItemCommand).resolves({});
  dynamodb.on(QueryCommand).resolves({ Items: [] });
  dynamodb.on(PutItemCommand).resolves({});
  dynamodb.on(TransactWriteItemsCommand).resolves({});
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('record-case-resolution', () => {
  it('answers 202 with the invitation, logging ids and no personal data', async () => {
    const output = captureOutput();
    const response = await resolve(body);
    expect(response.statusCode).toBe(202);
    expect(JSON.parse(response.body as string)).toEqual({ invitationId: expect.any(String), scheduledFor: '2026-11-26T10:00:00.000Z' });
    expect(output()).toContain('CASE-42');
    expect(output()).not.toMatch(/ada@example\.com|Lovelace/);
  });

  it('schedules the invitation for now when the resolution is reported more than a day late', async () => {
    vi.setSystemTime(new Date('2026-11-30T08:00:00Z'));
    const response = await resolve(body);
    expect(JSON.parse(response.body as string)).toEqual({ invitationId: expect.any(String), scheduledFor: '2026-11-30T08:00:00.000Z' });
  });

  it('answers 503 with the JSON error body, not 500, when DynamoDB fails', async () => {
    dynamodb.on(TransactWriteItemsCommand).rejects(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }));
    const response = await resolve(body);
    expect(response.statusCode).toBe(503);
    expect(JSON.parse(response.body as string).error.code).toBe('service_unavailable');
  });

  it('answers 400 without touching the table when the body is not a resolved case', async () => {
    const response = await resolve({ ...body, customer: { ...body.customer, tier: 'gold' } });
    expect(response.statusCode).toBe(400);
    expect(dynamodb.calls()).toHaveLength(0);
  });
});

describe('record-case-resolution init', () => {
  it('fails loudly on a policy the schema refuses', async () => {
    vi.resetModules();
    stubEnvironment({ SURVEY_POLICY: JSON.stringify({ linkExpiryDays: 0 }) });
    await expect(import('../../../../functions/surveys/record-case-resolution/handler.ts')).rejects.toThrow(/SURVEY_POLICY\.linkExpiryDays/);
  });
});
