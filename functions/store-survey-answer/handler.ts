import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SQSRecord } from 'aws-lambda';
import { DynamoDbSurveyAnswerStore } from '../shared/adapters/dynamodb-survey-answer-store.ts';
import { surveyAnswerSubmittedMessage } from '../shared/contracts/survey-answer-message.ts';
import { applySurveyAnswer } from '../shared/core/surveys/apply-survey-answer.ts';
import { logger, metrics } from '../shared/observability.ts';
import { parseQueueMessage } from '../shared/queue/parse-queue-message.ts';
import { sqsBatchHandler } from '../shared/queue/sqs-batch-handler.ts';
import { readRuntimeConfig, requiredSetting } from '../shared/runtime-config.ts';
import { surveyPolicySetting } from '../shared/survey-policy-setting.ts';

const config = readRuntimeConfig({ TABLE_NAME: requiredSetting, SURVEY_POLICY: surveyPolicySetting }, process.env);
const store = new DynamoDbSurveyAnswerStore(new DynamoDBClient({}), config.TABLE_NAME);

const METRIC_OF = {
  saved: 'SurveyResponseStored',
  escalated: 'SurveyEscalationRequested',
  unchanged: 'SurveyScoreIgnored',
  superseded: 'SurveyAnswerSuperseded',
  closed: 'SurveyAnswerAfterClose',
  unknown_invitation: 'SurveyAnswerUnknownInvitation',
} as const;

/** Stores one queued survey answer; a redelivered one writes the same items again and raises no second escalation. */
export const storeSurveyAnswer = async (record: SQSRecord) => {
  const message = parseQueueMessage(record, surveyAnswerSubmittedMessage);
  const outcome = await applySurveyAnswer(message, { store, settings: config.SURVEY_POLICY });
  // Ids and outcome only: the answer's comment is personal data.
  logger.info('Survey answer applied', { invitationId: message.invitationId, source: message.source, outcome });
  metrics.addMetric(METRIC_OF[outcome], MetricUnit.Count, 1);
};

export const handler = sqsBatchHandler(storeSurveyAnswer);
