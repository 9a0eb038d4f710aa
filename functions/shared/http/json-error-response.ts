import type { MiddlewareObj } from '@middy/core';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { MetricUnit } from '@aws-lambda-powertools/metrics/types';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { EscalationActionError, EscalationNotFoundError } from '../core/escalation/escalation-errors.ts';
import { InvalidListCursorError } from '../core/escalation/list-cursor.ts';
import { InvalidLinkTokenError } from '../core/signed-link-token.ts';
import { SupervisorAccessError } from '../core/supervisor-access-error.ts';
import { ConflictError, DependencyUnavailableError, ForbiddenError, InvalidTokenError, RequestError } from './request-errors.ts';
import { jsonResponse } from './json-response.ts';

// MetricUnit.Count by value: importing MetricUnit from the package's index bundles the whole
// Metrics class into routes that record no metrics (console, route-not-found).
const COUNT: MetricUnit = 'Count';

// An action the caller got wrong (a blank text, a reassign to someone or a team that is not
// there), as opposed to one that meets the escalation's state (409).
const BAD_ACTION_CODES: ReadonlySet<string> = new Set(['invalid_action', 'unknown_assignee', 'not_a_team_member', 'unknown_team']);

/**
 * The one place where errors of the core, which knows no HTTP, get their status code. Anything
 * not listed here is a failure on our side.
 */
const requestErrorOf = (error: unknown): RequestError | undefined => {
  if (error instanceof RequestError) return error;
  if (error instanceof InvalidLinkTokenError) {
    return new RequestError(error.reason === 'expired' ? 410 : 401, error.code, error.message, [], { cause: error });
  }
  if (error instanceof SupervisorAccessError) {
    if (error.code === 'invalid_token') return new InvalidTokenError(error.message, error);
    if (error.code === 'forbidden') return new ForbiddenError(error.message, error);
    return new DependencyUnavailableError(error);
  }
  if (error instanceof EscalationActionError) {
    if (error.code === 'forbidden') return new ForbiddenError(error.message, error);
    if (BAD_ACTION_CODES.has(error.code)) return new RequestError(400, error.code, error.message, [], { cause: error });
    return new ConflictError(error.code, error.message, error.holder || undefined, error);
  }
  if (error instanceof EscalationNotFoundError) return new RequestError(404, error.code, error.message, [], { cause: error });
  if (error instanceof InvalidListCursorError) return new RequestError(400, error.code, error.message, [], { cause: error });
  return undefined;
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
      if (error.statusCode >= 500) options.logger.error('Request failed on a dependency', { code: error.code, cause: error.cause });
      const holder = error instanceof ConflictError && error.holder !== undefined ? { holder: error.holder } : {};
      request.response = jsonResponse(
        error.statusCode,
        { error: { code: error.code, message: error.message, details: error.details, ...holder } },
        headersOf(error),
      );
      return;
    }
    options.logger.error('Unhandled error', error as Error);
    request.response = jsonResponse(500, {
      error: { code: 'internal_error', message: 'Something went wrong on our side; retry with the same Idempotency-Key.', details: [] },
    });
  },
});
