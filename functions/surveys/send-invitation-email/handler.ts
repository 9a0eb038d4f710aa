import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SQSRecord } from 'aws-lambda';
import { DynamoDbSurveyMailStore } from '../adapters/dynamodb-survey-mail-store.ts';
import { SesSurveyMailer } from '../adapters/ses-survey-mailer.ts';
import { loadSigningKeyRing } from '../../links/adapters/secrets-manager-signing-key.ts';
import { surveyMailDueMessage } from '../contracts/survey-mail-messages.ts';
import { mailSurveyEmail } from '../core/mail-survey-email.ts';
import { mailerSendIntervalMs } from '../core/plan-dispatch-run.ts';
import type { OutgoingSurveyEmail } from '../core/survey-mailer.ts';
import { createPacer, restAfterInvocation } from '../../platform/pacing/pacer.ts';
import { sesMaxSendRateSetting } from '../settings/ses-max-send-rate-setting.ts';
import { publicBaseUrlSetting } from '../../links/settings/public-base-url-setting.ts';
import { logger } from '../../platform/logging/logger.ts';
import { metrics } from '../../platform/logging/metrics.ts';
import { parseQueueMessage } from '../../platform/queue/parse-queue-message.ts';
import { sqsBatchHandler } from '../../platform/queue/sqs-batch-handler.ts';
import { readRuntimeConfig, requiredSetting } from '../../platform/settings/runtime-config.ts';
import { surveyPolicySetting } from '../settings/survey-policy-setting.ts';

const config = readRuntimeConfig(
  {
    TABLE_NAME: requiredSetting,
    SIGNING_KEY_SECRET_ARN: requiredSetting,
    PUBLIC_BASE_URL: publicBaseUrlSetting,
    SENDER_ADDRESS: requiredSetting,
    CONFIGURATION_SET_NAME: requiredSetting,
    SURVEY_POLICY: surveyPolicySetting,
    SES_MAX_SEND_RATE: sesMaxSendRateSetting,
  },
  process.env,
);
// Adaptive retries slow this client down when SES throttles; what still fails goes back to SQS.
const ses = new SESv2Client({ retryMode: 'adaptive', maxAttempts: 4 });
const ring = await loadSigningKeyRing(new SecretsManagerClient({}), config.SIGNING_KEY_SECRET_ARN);
// The queue's mapping runs mailerConcurrency invocations at once; each spaces its SES calls so
// that together they keep under SES's rate in every second.
const pacer = createPacer(mailerSendIntervalMs(config.SES_MAX_SEND_RATE));
const sesMailer = new SesSurveyMailer(ses, config.SENDER_ADDRESS, config.CONFIGURATION_SET_NAME);
const deps = {
  store: new DynamoDbSurveyMailStore(new DynamoDBClient({}), config.TABLE_NAME),
  mailer: {
    send: async (email: OutgoingSurveyEmail) => {
      await pacer.turn();
      return sesMailer.send(email);
    },
  },
  settings: config.SURVEY_POLICY,
  baseUrl: config.PUBLIC_BASE_URL,
  signingKey: ring.current,
  newClaimId: randomUUID,
};

/** Mails one queued invitation or reminder; ids and outcomes only reach the log, never the address. */
export const sendInvitationEmail = async (record: SQSRecord) => {
  const message = parseQueueMessage(record, surveyMailDueMessage);
  // The dispatcher's clock, if ahead: what it found due is judged at the same instant (locally the
  // schedules' clock may be shifted for demos; on AWS the two clocks agree within the queue's delay).
  const now = new Date(Math.max(Date.now(), Date.parse(message.queuedAt)));
  const outcome = await mailSurveyEmail(message, deps, now);
  metrics.addMetric(
    outcome.kind === 'sent' ? (outcome.purpose === 'invitation' ? 'InvitationSent' : 'ReminderSent') : `Mail_${outcome.kind}`,
    MetricUnit.Count,
    1,
  );
  logger.info('Survey email handled', { invitationId: message.invitationId, purpose: message.purpose, ...outcome });
};

export const handler = sqsBatchHandler(sendInvitationEmail).use(restAfterInvocation(pacer));
