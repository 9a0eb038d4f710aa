import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { captureOutput } from '../../../helpers/capture-output.ts';
import { lambdaContext } from '../../../helpers/events.ts';
import { stubEnvironment } from '../../../helpers/stub-environment.ts';

const dynamodb = mockClient(DynamoDBClient);
const sqs = mockClient(SQSClient);
let handler: typeof import('../../../../functions/surveys/dispatch-invitations/handler.ts').handler;

const hour = 3_600_000;
// The instant each due-index Query reads up to, whatever the key's shape.
const queriedUpTo = () => dynamodb.commandCalls(QueryCommand).map((call) => JSON.stringify(call.args[0].input.ExpressionAttributeValues));

beforeAll(async () => {
  stubEnvironment({
    TABLE_NAME: 'table',
    NOTIFICATION_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/notifications',
    SURVEY_POLICY: '{}',
    SES_MAX_SEND_RATE: '14',
    DISPATCH_INTERVAL_SECONDS: '60',
    POWERTOOLS_METRICS_NAMESPACE: 'Test',
    POWERTOOLS_SERVICE_NAME: 'dispatch-invitations',
  });
  ({ handler } = await import('../../../../functions/surveys/dispatch-invitations/handler.ts'));
});
beforeEach(() => {
  dynamodb.reset();
  sqs.reset();
  dynamodb.on(QueryCommand).resolves({ Items: [] });
});
afterEach(() => vi.restoreAllMocks());

describe('dispatch-invitations handler', () => {
  it('reads the invitation index, then the reminder index, and queues nothing when nothing is due', async () => {
    const output = captureOutput();
    const report = await handler({}, lambdaContext('dispatch-invitations'));
    expect(report).toEqual({ invitations: 0, reminders: 0, droppedReminders: 0, leaseRaces: 0, refusedBySqs: 0 });
    expect(dynamodb.commandCalls(QueryCommand)).toHaveLength(2);
    expect(sqs.commandCalls(SendMessageBatchCommand)).toHaveLength(0);
    // SES's rate times the interval: 14/s for 60 s.
    expect(output()).toContain('"runCap":840');
  });

  it("takes now from the event's scheduledTime when it is ahead of the clock, so a shifted schedule sees what is due then", async () => {
    captureOutput();
    const scheduledTime = new Date(Date.now() + 5 * hour).toISOString();
    await handler({ scheduledTime }, lambdaContext('dispatch-invitations'));
    for (const values of queriedUpTo()) expect(values).toContain(scheduledTime);
  });

  it('uses its own clock for a late run, an event without a scheduled time, or one that is not an object', async () => {
    captureOutput();
    for (const event of [{ scheduledTime: '2020-01-01T00:00:00Z' }, {}, null, 'not an event']) await handler(event, lambdaContext('dispatch-invitations'));
    for (const values of queriedUpTo()) expect(values).not.toContain('2020-01-01');
    expect(dynamodb.commandCalls(QueryCommand)).toHaveLength(8);
  });
});
