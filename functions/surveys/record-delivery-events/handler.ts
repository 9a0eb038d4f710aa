import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SQSRecord } from 'aws-lambda';
import { DynamoDbDeliveryEventStore } from '../adapters/dynamodb-delivery-event-store.ts';
import { sesDeliveryEventSchema } from '../contracts/survey-mail-messages.ts';
import { recordDeliveryEvent } from '../core/record-delivery-event.ts';
import { logger } from '../../platform/logging/logger.ts';
import { metrics } from '../../platform/logging/metrics.ts';
import { parseQueueMessage } from '../../platform/queue/parse-queue-message.ts';
import { sqsBatchHandler } from '../../platform/queue/sqs-batch-handler.ts';
import { readRuntimeConfig, requiredSetting } from '../../platform/settings/runtime-config.ts';

const config = readRuntimeConfig({ TABLE_NAME: requiredSetting }, process.env);
const store = new DynamoDbDeliveryEventStore(new DynamoDBClient({}), config.TABLE_NAME);

/** Records one SES bounce or complaint event (delivered by the EventBridge rule through the queue). */
export const recordDeliveryEventOf = async (record: SQSRecord) => {
  const outcome = await recordDeliveryEvent(parseQueueMessage(record, sesDeliveryEventSchema), store);
  metrics.addMetric(
    outcome.kind === 'ignored' ? 'DeliveryEventIgnored' : 'AddressSuppressed',
    MetricUnit.Count,
    outcome.kind === 'ignored' ? 1 : outcome.addresses,
  );
  // Counts and the invitation id only: the event names addresses.
  logger.info('Delivery event handled', { messageId: record.messageId, ...outcome });
};

export const handler = sqsBatchHandler(recordDeliveryEventOf);
