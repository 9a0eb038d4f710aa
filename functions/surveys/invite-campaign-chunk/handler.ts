import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SQSRecord } from 'aws-lambda';
import { DynamoDbCampaignStore } from '../adapters/dynamodb-campaign-store.ts';
import { campaignChunkMessage } from '../contracts/campaign-messages.ts';
import { inviteCampaignChunk } from '../core/invite-campaign-chunk.ts';
import { logger } from '../../platform/logging/logger.ts';
import { metrics } from '../../platform/logging/metrics.ts';
import { parseQueueMessage } from '../../platform/queue/parse-queue-message.ts';
import { sqsBatchHandler } from '../../platform/queue/sqs-batch-handler.ts';
import { readRuntimeConfig, requiredSetting } from '../../platform/settings/runtime-config.ts';
import { surveyPolicySetting } from '../settings/survey-policy-setting.ts';

const config = readRuntimeConfig({ TABLE_NAME: requiredSetting, SURVEY_POLICY: surveyPolicySetting }, process.env);
const client = new DynamoDBClient({});
// Counts this invocation's DynamoDB requests, so the log states the cost per invitation.
let requests = 0;
client.middlewareStack.add(
  (next) => (args) => {
    requests++;
    return next(args);
  },
  { step: 'initialize', name: 'countDynamoDbRequests' },
);
const store = new DynamoDbCampaignStore(client, config.TABLE_NAME);

/** One campaign chunk: the relationship invitations of its customers, each stored once. */
export const inviteChunk = async (record: SQSRecord) => {
  const chunk = parseQueueMessage(record, campaignChunkMessage);
  const before = requests;
  const outcome = await inviteCampaignChunk(chunk, { store, policy: config.SURVEY_POLICY });
  logger.info('Campaign chunk invited', {
    campaignId: chunk.campaignId,
    firstIndex: chunk.firstIndex,
    customers: chunk.customerIds.length,
    scheduled: outcome.scheduled,
    skipped: outcome.skipped,
    dynamodbRequests: requests - before,
  });
  metrics.addMetric('RelationshipInvitationScheduled', MetricUnit.Count, outcome.scheduled);
};

export const handler = sqsBatchHandler(inviteChunk);
