import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SQSRecord } from 'aws-lambda';
import { DynamoDbRecordStore } from '../shared/adapters/dynamodb-record-store.ts';
import { complaintAcceptedMessage } from '../shared/contracts/queue-messages.ts';
import { complaintItem } from '../shared/core/complaint-record.ts';
import { metrics } from '../shared/observability.ts';
import { parseQueueMessage } from '../shared/queue/parse-queue-message.ts';
import { sqsBatchHandler } from '../shared/queue/sqs-batch-handler.ts';
import { daysSetting, readRuntimeConfig, requiredSetting } from '../shared/runtime-config.ts';

const config = readRuntimeConfig({ TABLE_NAME: requiredSetting, COMPLAINT_RETENTION_DAYS: daysSetting }, process.env);
const store = new DynamoDbRecordStore(new DynamoDBClient({}), config.TABLE_NAME);

/** Stores one queued complaint; a redelivered one finds its item already there and succeeds. */
export const storeComplaint = async (record: SQSRecord) => {
  const message = parseQueueMessage(record, complaintAcceptedMessage);
  const item = complaintItem(message, { receivedAt: new Date(), retentionDays: config.COMPLAINT_RETENTION_DAYS });
  const outcome = await store.putIfAbsent(item);
  metrics.addMetric(outcome === 'stored' ? 'ComplaintStored' : 'DuplicateDelivery', MetricUnit.Count, 1);
};

export const handler = sqsBatchHandler(storeComplaint);
