import type { Metrics } from '@aws-lambda-powertools/metrics';
import type middy from '@middy/core';

/**
 * A middleware that writes the request's metrics as one EMF line after the handler, and after an
 * error, when it recorded any. Powertools' `logMetrics` instead logs a "No application metrics to
 * publish" warning on every request that recorded none: on the survey page, every view without a
 * rating click, about 170 bytes of CloudWatch Logs each.
 *
 * @example
 * ```ts
 * export const handler = middy(handle).use(flushRecordedMetrics(metrics));
 * ```
 */
export const flushRecordedMetrics = (metrics: Metrics): middy.MiddlewareObj => {
  const flush = async () => {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  };
  return { after: flush, onError: flush };
};
