import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CompactLogFormatter } from '../../../../functions/platform/logging/compact-log-formatter.ts';
import { captureOutput } from '../../../helpers/capture-output.ts';
import { lambdaContext } from '../../../helpers/events.ts';

afterEach(() => vi.restoreAllMocks());

describe('CompactLogFormatter', () => {
  it('keeps level, message, service, request id, cold start and the caller’s keys, and drops what the log group says', async () => {
    // Prepare
    const logger = new Logger({ serviceName: 'store-survey-answer', logFormatter: new CompactLogFormatter() });
    const handler = middy(async () => logger.info('Survey answer applied', { invitationId: 'inv-1', outcome: 'saved' })).use(injectLambdaContext(logger));
    const output = captureOutput();
    // Act
    await handler({}, lambdaContext());
    // Assess
    const line = JSON.parse(output().trim().split('\n').at(-1)!);
    expect(line).toMatchObject({
      level: 'INFO',
      message: 'Survey answer applied',
      service: 'store-survey-answer',
      function_request_id: lambdaContext().awsRequestId,
      invitationId: 'inv-1',
      outcome: 'saved',
    });
    expect(typeof line.cold_start).toBe('boolean');
    expect(Date.parse(line.timestamp)).not.toBeNaN();
    for (const key of ['function_arn', 'function_name', 'function_memory_size', 'sampling_rate']) expect(line).not.toHaveProperty(key);
  });
});
