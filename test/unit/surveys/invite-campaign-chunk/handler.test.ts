import { DynamoDBClient, PutItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { captureOutput } from '../../../helpers/capture-output.ts';
import { lambdaContext, sqsEvent, sqsRecord } from '../../../helpers/events.ts';
import { stubEnvironment } from '../../../helpers/stub-environment.ts';

const dynamodb = mockClient(DynamoDBClient);
let handler: typeof import('../../../../functions/surveys/invite-campaign-chunk/handler.ts').handler;

const chunk = (customerIds: string[]) => ({
  type: 'campaign.chunk',
  version: 1,
  campaignId: 'nps-2026-q4',
  startsAt: '2026-11-25T10:00:00.000Z',
  ratePerSecond: 1,
  firstIndex: 0,
  customerIds,
});

beforeAll(async () => {
  stubEnvironment({
    TABLE_NAME: 'table',
    SURVEY_POLICY: '{}',
    POWERTOOLS_METRICS_NAMESPACE: 'Test',
    POWERTOOLS_SERVICE_NAME: 'invite-campaign-chunk',
  });
  ({ handler } = await import('../../../../functions/surveys/invite-campaign-chunk/handler.ts'));
});
beforeEach(() => {
  dynamodb.reset();
  dynamodb.on(TransactWriteItemsCommand).resolves({});
  dynamodb.on(PutItemCommand).resolves({});
});
afterEach(() => vi.restoreAllMocks());

describe('invite-campaign-chunk consumer', () => {
  it('schedules one relationship invitation per customer of the chunk and logs what it did by campaign and counts', async () => {
    const output = captureOutput();
    const result = await handler(sqsEvent(sqsRecord(chunk(['cust-1', 'cust-2']))), lambdaContext('invite-campaign-chunk'));
    expect(result).toEqual({ batchItemFailures: [] });
    const invited = dynamodb
      .commandCalls(TransactWriteItemsCommand)
      .flatMap((call) => call.args[0].input.TransactItems!.flatMap((item) => (item.Put ? [unmarshall(item.Put.Item!)] : [])))
      .filter((item) => item['kind'] === 'relationship' && item['state'] === 'scheduled')
      .map((item) => item['customerId']);
    expect(invited.sort()).toEqual(['cust-1', 'cust-2']);
    const line = output()
      .split('\n')
      .find((logged) => logged.includes('Campaign chunk invited'));
    // aws-sdk-client-mock replaces send, so the request-counting middleware never runs here: only its presence is checked.
    expect(JSON.parse(line!)).toMatchObject({ campaignId: 'nps-2026-q4', customers: 2, scheduled: 2, dynamodbRequests: expect.any(Number) });
  });

  it('reports a chunk that is not one as failed, for the dead-letter queue, and writes nothing', async () => {
    captureOutput();
    const result = await handler(
      sqsEvent(sqsRecord({ ...chunk([]) }, 'm-empty'), sqsRecord(chunk(['cust-1']), 'm-ok')),
      lambdaContext('invite-campaign-chunk'),
    );
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-empty' }] });
    expect(dynamodb.commandCalls(TransactWriteItemsCommand)).toHaveLength(1);
  });
});
