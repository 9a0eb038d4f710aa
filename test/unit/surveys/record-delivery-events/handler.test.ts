import { DynamoDBClient, GetItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { captureOutput } from '../../../helpers/capture-output.ts';
import { lambdaContext, sqsEvent, sqsRecord } from '../../../helpers/events.ts';
import { sesBounceEvent } from '../../../helpers/ses-events.ts';
import { stubEnvironment } from '../../../helpers/stub-environment.ts';

const dynamodb = mockClient(DynamoDBClient);
let handler: typeof import('../../../../functions/surveys/record-delivery-events/handler.ts').handler;

beforeAll(async () => {
  stubEnvironment({ TABLE_NAME: 'table', POWERTOOLS_METRICS_NAMESPACE: 'Test', POWERTOOLS_SERVICE_NAME: 'record-delivery-events' });
  ({ handler } = await import('../../../../functions/surveys/record-delivery-events/handler.ts'));
});
beforeEach(() => {
  dynamodb.reset();
  dynamodb.on(GetItemCommand).resolves({});
  dynamodb.on(TransactWriteItemsCommand).resolves({});
});
afterEach(() => vi.restoreAllMocks());

describe('record-delivery-events consumer', () => {
  it('suppresses a bounced address in one transaction and logs counts, never the address', async () => {
    const output = captureOutput();
    const result = await handler(sqsEvent(sqsRecord(sesBounceEvent({ address: 'ada@example.com' }), 'm-1')), lambdaContext('record-delivery-events'));
    expect(result).toEqual({ batchItemFailures: [] });
    const [transaction] = dynamodb.commandCalls(TransactWriteItemsCommand);
    const written = transaction!.args[0].input.TransactItems!.map((item) => unmarshall(item.Put!.Item!));
    expect(written).toEqual([expect.objectContaining({ reason: 'bounced' })]);
    expect(output()).toContain('Delivery event handled');
    expect(output()).not.toContain('ada@example.com');
  });

  it('reports an event that is not an SES delivery event as failed, so it ends in the dead-letter queue, and writes nothing', async () => {
    captureOutput();
    const result = await handler(
      sqsEvent(sqsRecord({ detail: 'not an SES event' }, 'm-bad'), sqsRecord(sesBounceEvent({ address: 'ada@example.com' }), 'm-ok')),
      lambdaContext('record-delivery-events'),
    );
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-bad' }] });
    expect(dynamodb.commandCalls(TransactWriteItemsCommand)).toHaveLength(1);
  });

  it('fails the batch for SQS to retry when DynamoDB cannot store the event', async () => {
    captureOutput();
    dynamodb.on(TransactWriteItemsCommand).rejects(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }));
    await expect(handler(sqsEvent(sqsRecord(sesBounceEvent({ address: 'ada@example.com' }), 'm-1')), lambdaContext('record-delivery-events'))).rejects.toThrow(
      /All records failed/,
    );
  });
});
