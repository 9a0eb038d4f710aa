import type { MiddlewareObj } from '@middy/core';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { MetricUnit } from '@aws-lambda-powertools/metrics/types';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { CodedError, type ProblemKind } from '../coded-error.ts';
import { ConflictError, DependencyUnavailableError, ForbiddenError, InvalidTokenError, RequestError } from './request-errors.ts';
import { jsonResponse } from './json-response.ts';
import { errorForLog } from '../logging/error-for-log.ts';

// MetricUnit.Count by value: importing MetricUnit from the package's index bundles the whole
// Metrics class into routes that record no metrics (console, route-not-found).
const COUNT: MetricUnit = 'Count';

const STATUS_OF: Readonly<Record<ProblemKind, number>> = {
  invalid_request: 400,
  unauthenticated: 401,
  invalid_link: 401,
  expired_link: 410,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unavailable: 503,
};

/**
 * The one place where errors of the core, which knows no HTTP, get their status code: by the
 * problem kind each refusal carries. A coded error without a kind is a failure on our side.
 */
const requestErrorOf = (error: unknown): RequestError | undefined => {
  if (error instanceof RequestError) return error;
  if (!(error instanceof CodedError) || error.kind === undefined) return undefined;
  switch (error.kind) {
    case 'unauthenticated':
      return new InvalidTokenError(error.message, error);
    case 'forbidden':
      return new ForbiddenError(error.message, error);
    case 'unavailable':
      return new DependencyUnavailableError(error);
    case 'conflict':
      return new ConflictError(error.code, error.message, error.shown?.['holder'], error);
    default:
      return new RequestError(STATUS_OF[error.kind], error.code, error.message, [], { cause: error });
  }
};

// RFC 6750 §3: a bearer-token refusal names the problem in WWW-Authenticate.
const headersOf = (error: RequestError): Record<string, string> => {
  if (error.statusCode === 503) return { 'retry-after': '1' };
  if (error instanceof InvalidTokenError) return { 'www-authenticate': 'Bearer error="invalid_token"' };
  if (error instanceof ForbiddenError) return { 'www-authenticate': 'Bearer error="insufficient_scope"' };
  return {};
};

/**
 * Maps every error to the JSON error body `{"error":{"code","message","details"}}`.
 * {@link RequestError}s keep their status and code, core errors get theirs from
 * `requestErrorOf`; anything else is logged and becomes a 500 that shows no internals.
 *
 * @example
 * ```ts
 * export const handler = middy(handle).use(jsonErrorResponse({ logger }));
 * ```
 */
export const jsonErrorResponse = (options: {
  logger: Logger;
  /** When the route records metrics, refusals count as `RequestRefused` and failures as `RequestFailed`. */
  metrics?: Metrics | undefined;
}): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> => ({
  onError: async (request) => {
    const error = requestErrorOf(request.error) ?? request.error;
    const failed = !(error instanceof RequestError) || error.statusCode >= 500;
    options.metrics?.addMetric(failed ? 'RequestFailed' : 'RequestRefused', COUNT, 1);
    if (error instanceof RequestError) {
      if (error.statusCode >= 500) options.logger.error('Request failed on a dependency', { code: error.code, error: errorForLog(error.cause) });
      const holder = error instanceof ConflictError && error.holder !== undefined ? { holder: error.holder } : {};
      request.response = jsonResponse(
        error.statusCode,
        { error: { code: error.code, message: error.message, details: error.details, ...holder } },
        headersOf(error),
      );
      return;
    }
    options.logger.error('Unhandled error', { error: errorForLog(error) });
    request.response = jsonResponse(500, {
      error: { code: 'internal_error', message: 'Something went wrong on our side; retry with the same Idempotency-Key.', details: [] },
    });
  },
});
