import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { CORRELATION_ID_ATTRIBUTE, withCorrelationId } from '../logging/correlation.ts';
import { errorForLog } from '../logging/error-for-log.ts';
import { logger } from '../logging/logger.ts';
import { metrics } from '../logging/metrics.ts';
import { PoisonMessageError } from './parse-queue-message.ts';

/**
 * A queue consumer that handles each record with `handleRecord` (which throws on failure) and
 * reports partial batch failures, so one bad message is retried alone and, after the queue's
 * maxReceiveCount, lands in the dead-letter queue. Failures are logged by message id, error
 * name, code and stack frames, and invalid field paths only: the body may hold personal data.
 * Each record's work runs under the correlation id its sender attached (else its message id).
 *
 * @example
 * ```ts
 * export const handler = sqsBatchHandler(async (record) => store.putIfAbsent(itemOf(record)));
 * ```
 */
export const sqsBatchHandler = (handleRecord: (record: SQSRecord) => Promise<unknown>) => {
  const processor = new BatchProcessor(EventType.SQS);
  const handleAndReport = (record: SQSRecord) =>
    withCorrelationId(record.messageAttributes?.[CORRELATION_ID_ATTRIBUTE]?.stringValue ?? record.messageId, async () => {
      try {
        return await handleRecord(record);
      } catch (error) {
        logger.error('Message not stored; SQS will retry it, then move it to the dead-letter queue', {
          messageId: record.messageId,
          receiveCount: Number(record.attributes.ApproximateReceiveCount),
          error: errorForLog(error),
          // Field paths of a rejected message say what is wrong without its values.
          invalidPaths: error instanceof PoisonMessageError ? error.paths : undefined,
        });
        throw error;
      }
    });
  return middy(async (event: SQSEvent, context: Context) => processPartialResponse(event, handleAndReport, processor, { context }))
    .use(injectLambdaContext(logger))
    .use(logMetrics(metrics));
};
