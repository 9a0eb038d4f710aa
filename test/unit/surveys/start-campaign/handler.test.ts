import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { captureOutput } from '../../../helpers/capture-output.ts';
import { lambdaContext } from '../../../helpers/events.ts';
import { stubEnvironment } from '../../../helpers/stub-environment.ts';

const dynamodb = mockClient(DynamoDBClient);
const sqs = mockClient(SQSClient);
let handler: typeof import('../../../../functions/surveys/start-campaign/handler.ts').handler;

beforeAll(async () => {
  stubEnvironment({
    TABLE_NAME: 'table',
    CAMPAIGN_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/campaign',
    SURVEY_POLICY: '{}',
    SES_MAX_SEND_RATE: '14',
    CAMPAIGN_PERIOD_MONTHS: '3',
    CAMPAIGN_SAMPLE_FRACTION: '0.5',
    CAMPAIGN_MAX_SAMPLE_SIZE: '1000',
    CAMPAIGN_CHUNK_TIMEOUT_SECONDS: '60',
    POWERTOOLS_METRICS_NAMESPACE: 'Test',
    POWERTOOLS_SERVICE_NAME: 'start-campaign',
  });
  ({ handler } = await import('../../../../functions/surveys/start-campaign/handler.ts'));
});
beforeEach(() => {
  dynamodb.reset();
  sqs.reset();
  dynamodb.on(QueryCommand).resolves({ Items: [] });
  sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
});
afterEach(() => vi.restoreAllMocks());

describe('start-campaign handler', () => {
  it('lists the customers seen in each month of the configured period, one query per month, and queues no chunk when there are none', async () => {
    const output = captureOutput();
    const summary = await handler({ scheduledTime: '2026-10-01T09:00:00Z', campaignId: 'nps-2026-q4' }, lambdaContext('start-campaign'));
    expect(summary).toMatchObject({ campaignId: 'nps-2026-q4', customersSeen: 0, sampled: 0, chunks: 0 });
    expect(summary.months).toHaveLength(3);
    expect(dynamodb.commandCalls(QueryCommand)).toHaveLength(3);
    expect(sqs.commandCalls(SendMessageBatchCommand)).toHaveLength(0);
    expect(output()).toContain('Campaign started');
  });

  it('refuses an event the schedule would never send, so Scheduler retries it and then keeps it in its dead-letter queue, reading nothing', async () => {
    await expect(handler({ campaignId: 'has spaces' }, lambdaContext('start-campaign'))).rejects.toThrow();
    await expect(handler({ sampleSize: -1 }, lambdaContext('start-campaign'))).rejects.toThrow();
    expect(dynamodb.calls()).toHaveLength(0);
  });
});
