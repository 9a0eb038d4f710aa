import { type AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent, StreamRecord } from 'aws-lambda';
import { errorForLog } from '../../platform/logging/error-for-log.ts';
import { logger } from '../../platform/logging/logger.ts';
import { metrics } from '../../platform/logging/metrics.ts';
import { readRuntimeConfig, requiredSetting } from '../../platform/settings/runtime-config.ts';
import { deleteAuditTrail } from '../adapters/dynamodb-audit-trails.ts';
import { DynamoDbCounterStore } from '../adapters/dynamodb-counter-store.ts';
import { expiredEscalations } from '../core/expired-escalations.ts';
import { applyStreamChanges, type StreamChange } from '../core/apply-stream-changes.ts';
import { changeOf } from '../core/counter-tally.ts';

const config = readRuntimeConfig({ REPORTS_TABLE_NAME: requiredSetting, TABLE_NAME: requiredSetting }, process.env);
const dynamodb = new DynamoDBClient({});
const store = new DynamoDbCounterStore(dynamodb, config.REPORTS_TABLE_NAME);

const imageOf = (image: StreamRecord['NewImage']) => (image === undefined ? undefined : unmarshall(image as Record<string, AttributeValue>));

// DynamoDB's TTL deletes expired items as the service principal: the counters keep what they counted.
const isExpiry = (record: DynamoDBRecord) => record.eventName === 'REMOVE' && record.userIdentity?.principalId === 'dynamodb.amazonaws.com';

/**
 * What one stream record moves on the counters (nothing for an expiry or an item not counted).
 *
 * @internal exported for its tests only
 */
export const streamChangeOf = (record: DynamoDBRecord): StreamChange => ({
  eventId: record.eventID!,
  sequenceNumber: record.dynamodb!.SequenceNumber!,
  change: isExpiry(record) ? new Map() : changeOf(imageOf(record.dynamodb?.OldImage), imageOf(record.dynamodb?.NewImage)),
});

// The first sequence number of the batch at which an expired escalation's audit entries could not
// be deleted, or undefined when every trail went.
const deleteExpiredTrails = async (records: readonly DynamoDBRecord[]): Promise<string | undefined> => {
  const expired = expiredEscalations(
    records.map((record) => ({
      sequenceNumber: record.dynamodb?.SequenceNumber ?? '',
      eventName: record.eventName ?? 'INSERT',
      byTtl: isExpiry(record),
      pk: record.dynamodb?.Keys?.['pk']?.S,
      sk: record.dynamodb?.Keys?.['sk']?.S,
    })),
  );
  for (const { escalationId, sequenceNumber } of expired) {
    try {
      metrics.addMetric('AuditEntriesExpired', MetricUnit.Count, await deleteAuditTrail(dynamodb, config.TABLE_NAME, escalationId));
    } catch (error) {
      logger.error('Audit entries of an expired escalation not deleted; the stream will deliver the record again', {
        sequenceNumber,
        error: errorForLog(error),
      });
      return sequenceNumber;
    }
  }
  return undefined;
};

const earlier = (a: string | undefined, b: string | undefined) => (a === undefined ? b : b === undefined ? a : BigInt(a) <= BigInt(b) ? a : b);

/**
 * Keeps the report counters from the feedback table's stream (NEW_AND_OLD_IMAGES): each record's
 * change moves the counters, batched into transactions with a marker per record, so a batch
 * delivered again counts nothing twice. An escalation DynamoDB's TTL deleted takes its audit
 * entries with it (they are kept as long as it is). On a failure it reports the first record not
 * done, so Lambda retries from there (bisecting), then describes the rest to the on-failure queue.
 */
export const aggregateFeedback = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const applied = await applyStreamChanges(event.Records.map(streamChangeOf), { store });
  metrics.addMetric('StreamRecordsCounted', MetricUnit.Count, applied.committed);
  if (applied.repeated > 0) metrics.addMetric('DuplicateDelivery', MetricUnit.Count, applied.repeated);
  if (applied.failedFrom !== undefined)
    logger.error('Counters not updated; the stream will deliver these records again', {
      firstSequenceNumber: applied.failedFrom,
      records: event.Records.length,
      error: errorForLog(applied.error),
    });
  const failedFrom = earlier(applied.failedFrom, await deleteExpiredTrails(event.Records));
  return { batchItemFailures: failedFrom === undefined ? [] : [{ itemIdentifier: failedFrom }] };
};

export const handler = middy(aggregateFeedback).use(injectLambdaContext(logger)).use(logMetrics(metrics));
