import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { withCorrelationId } from '../logging/correlation.ts';
import { logger } from '../logging/logger.ts';
import { flushRecordedMetrics } from './flush-recorded-metrics.ts';
import { jsonErrorResponse } from './json-error-response.ts';

export interface HttpHandlerOptions {
  /**
   * The metrics sink the route records into, flushed as one EMF line after each request that
   * recorded any. Only routes that record metrics pass it: the flush costs CPU per request.
   * @default undefined (no metrics flush)
   */
  readonly metrics?: Metrics;
}

/**
 * Wraps an HTTP API handler with the middlewares every route shares: request-scoped logging,
 * the JSON error body and, for routes that record metrics, their flush. The API Gateway request id
 * (the `apigw-requestid` answer header) is the correlation id of everything the request logs,
 * queues and mails.
 *
 * @example
 * ```ts
 * export const handler = httpHandler(async (event) => jsonResponse(200, { ok: true }));
 * export const handler = httpHandler(handleWithMetrics, { metrics });
 * ```
 */
export const httpHandler = (
  handle: (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>,
  options: HttpHandlerOptions = {},
) => {
  const handler = middy(handle).use(injectLambdaContext(logger));
  if (options.metrics) handler.use(flushRecordedMetrics(options.metrics));
  handler.use(jsonErrorResponse({ logger, metrics: options.metrics }));
  return (event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyStructuredResultV2> =>
    withCorrelationId(event.requestContext?.requestId, () => handler(event, context));
};
