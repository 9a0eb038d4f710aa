import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { captureOutput } from '../../../helpers/capture-output.ts';
import { errorBodyFor } from '../../../helpers/error-body-for.ts';
import { httpEvent, lambdaContext } from '../../../helpers/events.ts';
import { stubEnvironment } from '../../../helpers/stub-environment.ts';

const dynamodb = mockClient(DynamoDBClient);
let handler: typeof import('../../../../functions/surveys/list-survey-decisions/handler.ts').handler;

const list = (caseId: string | undefined) =>
  handler(
    {
      ...httpEvent({ method: 'GET', path: `/cases/${caseId}/survey-decisions`, body: undefined }),
      pathParameters: caseId === undefined ? undefined : { caseId },
    },
    lambdaContext('list-survey-decisions'),
  );

beforeAll(async () => {
  stubEnvironment({ TABLE_NAME: 'table', POWERTOOLS_METRICS_NAMESPACE: 'Test', POWERTOOLS_SERVICE_NAME: 'list-survey-decisions' });
  ({ handler } = await import('../../../../functions/surveys/list-survey-decisions/handler.ts'));
});
beforeEach(() => {
  dynamodb.reset();
  dynamodb.on(QueryCommand).resolves({ Items: [] });
});
afterEach(() => vi.restoreAllMocks());

describe('list-survey-decisions', () => {
  it('answers 200 with the case’s decision log, read from the case’s partition', async () => {
    const response = await list('CASE-42');
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body as string)).toEqual({ caseId: 'CASE-42', decisions: [] });
    expect(dynamodb.commandCalls(QueryCommand)[0]!.args[0].input).toMatchObject({ TableName: 'table', ConsistentRead: true });
    expect(JSON.stringify(dynamodb.commandCalls(QueryCommand)[0]!.args[0].input.ExpressionAttributeValues)).toContain('CASE#CASE-42');
  });

  it('answers 400 naming the caseId path, without touching the table, when the case id is not one', async () => {
    const response = await list('x'.repeat(65));
    expect(response.statusCode).toBe(400);
    const body = JSON.parse(response.body as string);
    expect(body).toEqual(errorBodyFor('validation_failed'));
    expect(body.error.details[0].path).toMatch(/^caseId/);
    expect(dynamodb.calls()).toHaveLength(0);
  });

  it('answers 400 when the path has no case id at all', async () => {
    const response = await list(undefined);
    expect(response.statusCode).toBe(400);
    expect(dynamodb.calls()).toHaveLength(0);
  });

  it('answers 503, not 500, when DynamoDB fails', async () => {
    captureOutput();
    dynamodb.on(QueryCommand).rejects(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }));
    const response = await list('CASE-42');
    expect(response.statusCode).toBe(503);
    expect(JSON.parse(response.body as string)).toEqual(errorBodyFor('service_unavailable'));
  });
});
