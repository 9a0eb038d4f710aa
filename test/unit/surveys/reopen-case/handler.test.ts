import { DynamoDBClient, GetItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { captureOutput } from '../../../helpers/capture-output.ts';
import { errorBodyFor } from '../../../helpers/error-body-for.ts';
import { httpEvent, lambdaContext } from '../../../helpers/events.ts';
import { stubEnvironment } from '../../../helpers/stub-environment.ts';

const dynamodb = mockClient(DynamoDBClient);
let handler: typeof import('../../../../functions/surveys/reopen-case/handler.ts').handler;

const reopen = (body: string) => handler(httpEvent({ path: '/cases/reopened', body }), lambdaContext('reopen-case'));

beforeAll(async () => {
  stubEnvironment({ TABLE_NAME: 'table', POWERTOOLS_METRICS_NAMESPACE: 'Test', POWERTOOLS_SERVICE_NAME: 'reopen-case' });
  ({ handler } = await import('../../../../functions/surveys/reopen-case/handler.ts'));
});
beforeEach(() => {
  dynamodb.reset();
  dynamodb.on(GetItemCommand).resolves({});
});
afterEach(() => vi.restoreAllMocks());

describe('reopen-case', () => {
  it('answers 200 with invitation none for a case that has no invitation, writing nothing', async () => {
    captureOutput();
    const response = await reopen(JSON.stringify({ caseId: 'CASE-42' }));
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body as string)).toEqual({ caseId: 'CASE-42', invitation: 'none' });
    expect(dynamodb.commandCalls(GetItemCommand)[0]!.args[0].input).toMatchObject({ TableName: 'table', ConsistentRead: true });
    expect(dynamodb.commandCalls(TransactWriteItemsCommand)).toHaveLength(0);
  });

  it('answers 400 with the JSON error body, without touching the table, when the body names no case', async () => {
    const response = await reopen(JSON.stringify({ case: 'CASE-42' }));
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body as string)).toEqual(errorBodyFor('validation_failed'));
    expect(dynamodb.calls()).toHaveLength(0);
  });

  it('answers 400 to a body that is not JSON', async () => {
    const response = await reopen('{caseId');
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body as string)).toEqual(errorBodyFor('invalid_json'));
  });

  it('answers 503, not 500, when DynamoDB fails', async () => {
    captureOutput();
    dynamodb.on(GetItemCommand).rejects(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }));
    const response = await reopen(JSON.stringify({ caseId: 'CASE-42' }));
    expect(response.statusCode).toBe(503);
    expect(JSON.parse(response.body as string)).toEqual(errorBodyFor('service_unavailable'));
  });
});
