import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SQSRecord } from 'aws-lambda';
import { DynamoDbRecordStore } from '../adapters/dynamodb-record-store.ts';
import { feedbackAcceptedMessage } from '../contracts/feedback-accepted-message.ts';
import { feedbackItem } from '../core/feedback-record.ts';
import { metrics } from '../../platform/logging/metrics.ts';
import { parseQueueMessage } from '../../platform/queue/parse-queue-message.ts';
import { sqsBatchHandler } from '../../platform/queue/sqs-batch-handler.ts';
import { daysSetting, readRuntimeConfig, requiredSetting } from '../../platform/settings/runtime-config.ts';

const config = readRuntimeConfig({ TABLE_NAME: requiredSetting, FEEDBACK_RETENTION_DAYS: daysSetting }, process.env);
const store = new DynamoDbRecordStore(new DynamoDBClient({}), config.TABLE_NAME);

/** Stores one queued feedback; a redelivered one finds its item already there and succeeds. */
export const storeFeedback = async (record: SQSRecord) => {
  const message = parseQueueMessage(record, feedbackAcceptedMessage);
  const item = feedbackItem(message, { receivedAt: new Date(), retentionDays: config.FEEDBACK_RETENTION_DAYS });
  const outcome = await store.putIfAbsent(item);
  metrics.addMetric(outcome === 'stored' ? 'FeedbackStored' : 'DuplicateDelivery', MetricUnit.Count, 1);
};

export const handler = sqsBatchHandler(storeFeedback);
