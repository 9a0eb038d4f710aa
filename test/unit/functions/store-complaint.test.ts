import { ConditionalCheckFailedException, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { acceptComplaint } from '../../../functions/shared/core/accept-complaint.ts';
import { captureOutput } from '../../helpers/capture-output.ts';
import { lambdaContext, sqsEvent, sqsRecord } from '../../helpers/events.ts';
import { validComplaint } from '../../helpers/submissions.ts';

const dynamodb = mockClient(DynamoDBClient);
let handler: typeof import('../../../functions/store-complaint/handler.ts').handler;

beforeAll(async () => {
  Object.assign(process.env, {
    TABLE_NAME: 'table',
    COMPLAINT_RETENTION_DAYS: '730',
    POWERTOOLS_METRICS_NAMESPACE: 'Test',
    POWERTOOLS_SERVICE_NAME: 'store-complaint',
  });
  ({ handler } = await import('../../../functions/store-complaint/handler.ts'));
});

beforeEach(() => {
  dynamodb.reset();
  dynamodb.on(PutItemCommand).resolves({});
});
afterEach(() => vi.restoreAllMocks());

const messageFor = (overrides: Record<string, unknown> = {}) =>
  acceptComplaint(validComplaint(overrides) as never, {
    now: new Date(),
    signingKey: 'k'.repeat(64),
    statusTokenTtlDays: 180,
    statusEndpoint: 'https://api.example.com/complaints/status',
  }).message;

describe('store-complaint consumer', () => {
  it('stores each complaint with one conditional PutItem', async () => {
    const message = messageFor();
    const result = await handler(sqsEvent(sqsRecord(message)), lambdaContext());
    expect(result).toEqual({ batchItemFailures: [] });
    const puts = dynamodb.commandCalls(PutItemCommand);
    expect(puts).toHaveLength(1);
    expect(puts[0]!.args[0].input.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(unmarshall(puts[0]!.args[0].input.Item!)).toMatchObject({ pk: `COMPLAINT#${message.complaintId}`, status: 'received' });
  });

  it('treats a redelivered complaint that is already stored as done', async () => {
    dynamodb.on(PutItemCommand).rejects(new ConditionalCheckFailedException({ message: 'exists', $metadata: {} }));
    const result = await handler(sqsEvent(sqsRecord(messageFor(), 'm-1', 2)), lambdaContext());
    expect(result).toEqual({ batchItemFailures: [] });
  });

  it('reports only the throttled record as failed, so the rest of the batch is not replayed', async () => {
    const throttled = messageFor();
    dynamodb.on(PutItemCommand).callsFake((input) => {
      if (input.Item.pk.S === `COMPLAINT#${throttled.complaintId}`) {
        throw Object.assign(new Error('Throughput exceeded'), { name: 'ProvisionedThroughputExceededException' });
      }
      return {};
    });
    captureOutput();
    const result = await handler(
      sqsEvent(sqsRecord(messageFor(), 'ok-1'), sqsRecord(throttled, 'throttled'), sqsRecord(messageFor(), 'ok-2')),
      lambdaContext(),
    );
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'throttled' }] });
  });

  it.each([
    ['not JSON', 'this is not json customer@example.com', '"errorCode":"invalid_json"'],
    ['an unknown message shape', { type: 'complaint.accepted', email: 'customer@example.com' }, '"invalidPaths":["version",'],
  ])('fails a poison message that is %s and logs why without its content', async (_name, body, reason) => {
    const output = captureOutput();
    const result = await handler(sqsEvent(sqsRecord(body, 'poison', 3), sqsRecord(messageFor(), 'ok')), lambdaContext());
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'poison' }] });
    const text = output();
    expect(text).toContain('"messageId":"poison"');
    expect(text).toContain('"receiveCount":3');
    expect(text).toContain(reason);
    expect(text).not.toContain('customer@example.com');
    expect(dynamodb.commandCalls(PutItemCommand)).toHaveLength(1);
  });

  it('answers an empty batch with no failures', async () => {
    expect(await handler(sqsEvent(), lambdaContext())).toEqual({ batchItemFailures: [] });
  });
});
