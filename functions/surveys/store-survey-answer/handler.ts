import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SQSRecord } from 'aws-lambda';
import { DynamoDbSurveyAnswerStore } from '../adapters/dynamodb-survey-answer-store.ts';
import { DynamoDbSurveyEscalationStore } from '../../escalation/adapters/dynamodb-survey-escalation-store.ts';
import { surveyAnswerSubmittedMessage } from '../contracts/survey-answer-message.ts';
import { escalateLowScore } from '../../escalation/core/escalate-low-score.ts';
import type { EscalationRequest } from '../core/escalation-request.ts';
import { applySurveyAnswer } from '../core/apply-survey-answer.ts';
import { escalationNotifier } from '../../escalation/wiring/escalation-notifier.ts';
import { logger } from '../../platform/logging/logger.ts';
import { metrics } from '../../platform/logging/metrics.ts';
import { parseQueueMessage } from '../../platform/queue/parse-queue-message.ts';
import { sqsBatchHandler } from '../../platform/queue/sqs-batch-handler.ts';
import { readRuntimeConfig, requiredSetting } from '../../platform/settings/runtime-config.ts';
import { surveyPolicySetting } from '../settings/survey-policy-setting.ts';

const config = readRuntimeConfig({ TABLE_NAME: requiredSetting, SURVEY_POLICY: surveyPolicySetting }, process.env);
const dynamodb = new DynamoDBClient({});
const store = new DynamoDbSurveyAnswerStore(dynamodb, config.TABLE_NAME);
const escalations = new DynamoDbSurveyEscalationStore(dynamodb, config.TABLE_NAME);
const notifier = await escalationNotifier(dynamodb, process.env);

const METRIC_OF = {
  saved: 'SurveyResponseStored',
  escalated: 'SurveyEscalationRequested',
  unchanged: 'SurveyScoreIgnored',
  superseded: 'SurveyAnswerSuperseded',
  closed: 'SurveyAnswerAfterClose',
  unknown_invitation: 'SurveyAnswerUnknownInvitation',
} as const;

/**
 * Stores one queued survey answer; a confirmed very low score then opens its escalation and
 * mails the assignee at once (fast path; the outbox sweep sends it if that fails). A redelivered
 * message writes the same answer items again and finds the escalation request taken.
 */
export const storeSurveyAnswer = async (record: SQSRecord) => {
  const message = parseQueueMessage(record, surveyAnswerSubmittedMessage);
  const { outcome, escalationRequest } = await applySurveyAnswer(message, { store, settings: config.SURVEY_POLICY });
  // Ids and outcome only: the answer's comment is personal data.
  logger.info('Survey answer applied', { invitationId: message.invitationId, source: message.source, outcome });
  metrics.addMetric(METRIC_OF[outcome], MetricUnit.Count, 1);
  if (escalationRequest) await openEscalation(escalationRequest);
};

const openEscalation = async (request: EscalationRequest) => {
  const opened = await escalateLowScore(request, { store: escalations, settings: await notifier.currentSettings() }, new Date());
  if (opened.kind !== 'opened') {
    logger.info('Survey escalation request taken earlier or not escalated', {
      responseId: request.responseId,
      outcome: opened.kind,
      ...(opened.kind === 'not_escalated' ? { reason: opened.reason } : {}),
    });
    return;
  }
  const { escalation, reference, notifications, appliedRules } = opened.plan;
  metrics.addMetric('EscalationOpened', MetricUnit.Count, 1);
  logger.info('Escalation opened', {
    escalationId: escalation.id,
    source: 'survey',
    severity: escalation.severity,
    team: escalation.team,
    rules: appliedRules.join(' '),
  });
  const { audit: _audit, ...state } = escalation;
  const context = { escalation: { ...state, reference, version: escalation.audit.length } };
  // Committed already: a failed send stays in the outbox for the sweep, so it must not fail the message.
  const report = await notifier.deliver(notifications.map((notification) => ({ notification, context })));
  metrics.addMetric('NotificationSent', MetricUnit.Count, report.sent);
};

export const handler = sqsBatchHandler(storeSurveyAnswer);
