import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { logger, metrics } from '../observability.ts';
import { jsonErrorResponse } from './json-error-response.ts';

/**
 * Wraps an HTTP API handler with the middlewares every route shares: request-scoped logging,
 * metrics flushing and the JSON error body.
 *
 * @example
 * ```ts
 * export const handler = httpHandler(async (event) => jsonResponse(200, { ok: true }));
 * ```
 */
export const httpHandler = (
  handle: (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>,
) =>
  middy(handle)
    .use(injectLambdaContext(logger))
    .use(logMetrics(metrics))
    .use(jsonErrorResponse({ logger }));
