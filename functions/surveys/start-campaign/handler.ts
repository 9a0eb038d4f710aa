import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import * as z from 'zod/mini';
import { DynamoDbCampaignStore } from '../adapters/dynamodb-campaign-store.ts';
import { SqsBatchSender } from '../../platform/queue/sqs-batch-sender.ts';
import { type CampaignChunkMessage, campaignStartEventSchema } from '../contracts/campaign-messages.ts';
import { startCampaign } from '../core/start-campaign.ts';
import { logger } from '../../platform/logging/logger.ts';
import { readRuntimeConfig, requiredSetting } from '../../platform/settings/runtime-config.ts';
import { surveyPolicySetting } from '../settings/survey-policy-setting.ts';

const positive = z.coerce.number().check(z.gt(0));
const config = readRuntimeConfig(
  {
    TABLE_NAME: requiredSetting,
    CAMPAIGN_QUEUE_URL: requiredSetting,
    SURVEY_POLICY: surveyPolicySetting,
    SES_MAX_SEND_RATE: positive,
    CAMPAIGN_PERIOD_MONTHS: z.coerce.number().check(z.int(), z.gte(1), z.lte(24)),
    CAMPAIGN_SAMPLE_FRACTION: z.coerce.number().check(z.gt(0), z.lte(1)),
    CAMPAIGN_MAX_SAMPLE_SIZE: z.coerce.number().check(z.int(), z.gte(0)),
    CAMPAIGN_CHUNK_TIMEOUT_SECONDS: positive,
  },
  process.env,
);
const store = new DynamoDbCampaignStore(new DynamoDBClient({}), config.TABLE_NAME);
const queue = new SqsBatchSender<CampaignChunkMessage>(new SQSClient({}), config.CAMPAIGN_QUEUE_URL);

/**
 * Invoked by the campaign schedule (EventBridge Scheduler, asynchronously): samples the customers
 * seen in the period and queues them in chunks. A bad event throws: Scheduler retries, then its
 * dead-letter queue keeps it.
 */
export const handle = async (event: unknown) => {
  const summary = await startCampaign(campaignStartEventSchema.parse(event ?? {}), {
    store,
    queue,
    policy: config.SURVEY_POLICY,
    campaign: {
      periodMonths: config.CAMPAIGN_PERIOD_MONTHS,
      sampleFraction: config.CAMPAIGN_SAMPLE_FRACTION,
      maxSampleSize: config.CAMPAIGN_MAX_SAMPLE_SIZE,
      sesRatePerSecond: config.SES_MAX_SEND_RATE,
      chunkTimeoutSeconds: config.CAMPAIGN_CHUNK_TIMEOUT_SECONDS,
    },
    now: new Date(),
  });
  logger.info('Campaign started', { ...summary });
  return summary;
};

export const handler = middy(handle).use(injectLambdaContext(logger));
