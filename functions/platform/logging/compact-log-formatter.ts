import { LogFormatter, LogItem } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';
import { currentCorrelationId } from './correlation.ts';

/**
 * Powertools' structured log line without the keys that repeat what the log group already says:
 * `function_arn`, `function_name` and `function_memory_size` (each function logs to its own group),
 * and `sampling_rate` (none is set). About 270 of a consumer line's 520 bytes on AWS, and
 * CloudWatch Logs bills every byte it ingests. The request id and cold start stay, and the
 * correlation id of the work being logged is added (see `withCorrelationId`).
 *
 * @example
 * ```ts
 * export const logger = new Logger({ logFormatter: new CompactLogFormatter() });
 * ```
 */
export class CompactLogFormatter extends LogFormatter {
  formatAttributes(attributes: UnformattedAttributes, additionalLogAttributes: LogAttributes): LogItem {
    return new LogItem({
      attributes: {
        level: attributes.logLevel,
        message: attributes.message,
        timestamp: this.formatTimestamp(attributes.timestamp),
        service: attributes.serviceName,
        cold_start: attributes.lambdaContext?.coldStart,
        function_request_id: attributes.lambdaContext?.awsRequestId,
        xray_trace_id: attributes.xRayTraceId,
        correlation_id: currentCorrelationId(),
      },
    }).addAttributes(additionalLogAttributes);
  }
}
