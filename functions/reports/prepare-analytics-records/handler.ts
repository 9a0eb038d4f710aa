import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { DynamoDBRecord, FirehoseTransformationEvent, FirehoseTransformationResult, StreamRecord } from 'aws-lambda';
import { logger } from '../../platform/logging/logger.ts';
import { metrics } from '../../platform/logging/metrics.ts';
import { analyticsRecordOf } from '../core/analytics-record.ts';

const imageOf = (image: StreamRecord['NewImage']) => (image === undefined ? undefined : unmarshall(image as Record<string, AttributeValue>));

// One Firehose record: a feedback-table stream record as EventBridge Pipes passed it on.
const lineOf = (data: string): string | undefined => {
  const record = JSON.parse(Buffer.from(data, 'base64').toString('utf8')) as DynamoDBRecord;
  const eventName = record.eventName;
  const changedAt = record.dynamodb?.ApproximateCreationDateTime;
  if (eventName === undefined || changedAt === undefined) throw new TypeError('not a DynamoDB stream record');
  const row = analyticsRecordOf({
    eventName,
    changedAt: new Date(changedAt * 1000).toISOString(),
    expired: eventName === 'REMOVE' && record.userIdentity?.principalId === 'dynamodb.amazonaws.com',
    oldImage: imageOf(record.dynamodb?.OldImage),
    newImage: imageOf(record.dynamodb?.NewImage),
  });
  return row === undefined ? undefined : `${JSON.stringify(row)}\n`;
};

/**
 * Firehose's transformation of the analytics copy (docs/reports.md#scale-path): each change to a
 * counted item becomes one JSON line of {@link analyticsRecordOf}'s fields, with no personal data;
 * every other record is dropped. A record it cannot read is dropped too, and counted, never passed
 * on as `ProcessingFailed`: Firehose would store that one raw, email addresses and all.
 */
export const prepareAnalyticsRecords = async (event: FirehoseTransformationEvent): Promise<FirehoseTransformationResult> => {
  let unreadable = 0;
  const records = event.records.map(({ recordId, data }): FirehoseTransformationResult['records'][number] => {
    try {
      const line = lineOf(data);
      return line === undefined ? { recordId, result: 'Dropped', data: '' } : { recordId, result: 'Ok', data: Buffer.from(line).toString('base64') };
    } catch {
      unreadable += 1;
      return { recordId, result: 'Dropped', data: '' };
    }
  });
  const kept = records.filter(({ result }) => result === 'Ok').length;
  metrics.addMetric('AnalyticsRecordsKept', MetricUnit.Count, kept);
  if (unreadable > 0) {
    metrics.addMetric('AnalyticsRecordsUnreadable', MetricUnit.Count, unreadable);
    logger.warn('Stream records the analytics copy could not read were dropped', { unreadable, records: records.length });
  }
  return { records };
};

export const handler = middy(prepareAnalyticsRecords).use(injectLambdaContext(logger)).use(logMetrics(metrics));
