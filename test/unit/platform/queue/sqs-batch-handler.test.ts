import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import { currentCorrelationId } from '../../../../functions/platform/logging/correlation.ts';
import { logger } from '../../../../functions/platform/logging/logger.ts';
import { parseQueueMessage } from '../../../../functions/platform/queue/parse-queue-message.ts';
import { sqsBatchHandler } from '../../../../functions/platform/queue/sqs-batch-handler.ts';
import { captureOutput } from '../../../helpers/capture-output.ts';
import { lambdaContext, sqsEvent, sqsRecord } from '../../../helpers/events.ts';
import { stubEnvironment } from '../../../helpers/stub-environment.ts';

beforeAll(() => {
  stubEnvironment({ POWERTOOLS_METRICS_NAMESPACE: 'Test', POWERTOOLS_SERVICE_NAME: 'sqs-batch-handler' });
});
afterEach(() => vi.restoreAllMocks());

const message = z.object({ id: z.string(), fail: z.optional(z.boolean()) });

// Stores what parses, fails a record whose message asks it to: the consumer under test.
const consumer = () => {
  const handled: string[] = [];
  const handler = sqsBatchHandler(async (record: SQSRecord) => {
    const { id, fail } = parseQueueMessage(record, message);
    if (fail) throw Object.assign(new Error('store unavailable'), { code: 'store_unavailable' });
    handled.push(id);
  });
  return { handler, handled };
};

describe('sqsBatchHandler', () => {
  it('handles every record of a batch and reports no failure when all succeed', async () => {
    const { handler, handled } = consumer();
    const result = await handler(sqsEvent(sqsRecord({ id: 'a' }, 'm-a'), sqsRecord({ id: 'b' }, 'm-b')), lambdaContext());
    expect(result).toEqual({ batchItemFailures: [] });
    expect(handled.sort()).toEqual(['a', 'b']);
  });

  it('reports exactly the failing records, so only they are retried', async () => {
    captureOutput();
    const { handler, handled } = consumer();
    const result = await handler(
      sqsEvent(
        sqsRecord({ id: 'a' }, 'm-a'),
        sqsRecord({ id: 'b', fail: true }, 'm-b'),
        sqsRecord({ id: 'c' }, 'm-c'),
        sqsRecord({ id: 'd', fail: true }, 'm-d'),
      ),
      lambdaContext(),
    );
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-b' }, { itemIdentifier: 'm-d' }] });
    expect(handled.sort()).toEqual(['a', 'c']);
  });

  it('reports a message that does not parse as a failure, logging its field paths but not its values', async () => {
    const output = captureOutput();
    const { handler, handled } = consumer();
    const result = await handler(
      sqsEvent(sqsRecord('{not json', 'm-json'), sqsRecord({ id: 42, secret: 'customer@example.com' }, 'm-shape'), sqsRecord({ id: 'ok' }, 'm-ok')),
      lambdaContext(),
    );
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-json' }, { itemIdentifier: 'm-shape' }] });
    expect(handled).toEqual(['ok']);
    const logged = output();
    expect(logged).toContain('invalid_json');
    expect(logged).toContain('"invalidPaths":["id"]');
    expect(logged).not.toContain('customer@example.com');
  });

  it('fails the whole invocation when every record fails, so the batch is retried as one', async () => {
    captureOutput();
    const { handler } = consumer();
    await expect(handler(sqsEvent(sqsRecord({ id: 'a', fail: true }, 'm-a'), sqsRecord('{', 'm-b')), lambdaContext())).rejects.toThrow(/All records failed/);
  });

  it('logs a failure with its error name, code and stack frames, never its message', async () => {
    const output = captureOutput();
    const { handler } = consumer();
    await handler(sqsEvent(sqsRecord({ id: 'a', fail: true }, 'm-a'), sqsRecord({ id: 'b' }, 'm-b')), lambdaContext());
    const [line] = output()
      .split('\n')
      .filter((l) => l.includes('Message not stored'))
      .map((l) => JSON.parse(l));
    expect(line.error).toMatchObject({ name: 'Error', code: 'store_unavailable', stack: expect.stringMatching(/^at .*sqs-batch-handler\.test\.ts:\d+:\d+/) });
    expect(JSON.stringify(line)).not.toContain('store unavailable');
  });

  it('runs each record under the correlation id its sender attached, else its message id, though the batch runs in parallel', async () => {
    const output = captureOutput();
    const seen = new Map<string, string | undefined>();
    const handler = sqsBatchHandler(async (record: SQSRecord) => {
      const { id } = parseQueueMessage(record, message);
      // Interleave the records: the first waits while the second runs.
      await new Promise((resolve) => setTimeout(resolve, id === 'a' ? 20 : 0));
      seen.set(id, currentCorrelationId());
      logger.info('handled', { id });
    });
    const attached = {
      ...sqsRecord({ id: 'a' }, 'm-a'),
      messageAttributes: { correlationId: { stringValue: 'request-1', dataType: 'String', stringListValues: [], binaryListValues: [] } },
    };
    await handler(sqsEvent(attached, sqsRecord({ id: 'b' }, 'm-b')), lambdaContext());
    expect(Object.fromEntries(seen)).toEqual({ a: 'request-1', b: 'm-b' });
    const lines = output()
      .split('\n')
      .filter((l) => l.includes('"handled"'))
      .map((l) => JSON.parse(l));
    expect(Object.fromEntries(lines.map((l) => [l.id, l.correlation_id]))).toEqual({ a: 'request-1', b: 'm-b' });
  });

  it('answers an empty batch with no failures and handles nothing', async () => {
    const { handler, handled } = consumer();
    await expect(handler(sqsEvent(), lambdaContext())).resolves.toEqual({ batchItemFailures: [] });
    expect(handled).toEqual([]);
  });

  it('rejects an event without Records instead of reporting it handled', async () => {
    const { handler, handled } = consumer();
    await expect(handler({} as SQSEvent, lambdaContext())).rejects.toThrow(/Unexpected batch type/);
    expect(handled).toEqual([]);
  });
});
