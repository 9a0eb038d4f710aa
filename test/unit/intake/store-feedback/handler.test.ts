import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { acceptFeedback } from '../../../../functions/intake/core/accept-feedback.ts';
import { lambdaContext, sqsEvent, sqsRecord } from '../../../helpers/events.ts';
import { captureOutput } from '../../../helpers/capture-output.ts';
import { validArticleFeedback } from '../../../helpers/submissions.ts';
import { stubEnvironment } from '../../../helpers/stub-environment.ts';

const dynamodb = mockClient(DynamoDBClient);
let handler: typeof import('../../../../functions/intake/store-feedback/handler.ts').handler;

beforeAll(async () => {
  stubEnvironment({
    TABLE_NAME: 'table',
    FEEDBACK_RETENTION_DAYS: '365',
    POWERTOOLS_METRICS_NAMESPACE: 'Test',
    POWERTOOLS_SERVICE_NAME: 'store-feedback',
  });
  ({ handler } = await import('../../../../functions/intake/store-feedback/handler.ts'));
});
beforeEach(() => {
  dynamodb.reset();
  dynamodb.on(PutItemCommand).resolves({});
});
afterEach(() => vi.restoreAllMocks());

describe('store-feedback consumer', () => {
  it('stores feedback with one conditional PutItem, kept for the configured days', async () => {
    captureOutput();
    const message = acceptFeedback(validArticleFeedback() as never, { now: new Date('2026-11-25T10:00:00Z') });
    expect(await handler(sqsEvent(sqsRecord(message)), lambdaContext())).toEqual({ batchItemFailures: [] });
    const puts = dynamodb.commandCalls(PutItemCommand);
    expect(puts).toHaveLength(1);
    expect(puts[0]!.args[0].input.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(unmarshall(puts[0]!.args[0].input.Item!)).toMatchObject({
      pk: `FEEDBACK#${message.feedbackId}`,
      gsi1pk: 'FEEDBACK#article#2026-11',
      expiresAt: Date.parse('2026-11-25T10:00:00Z') / 1000 + 365 * 86_400,
      ...validArticleFeedback(),
    });
  });
});
