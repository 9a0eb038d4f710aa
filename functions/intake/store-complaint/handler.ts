import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SQSRecord } from 'aws-lambda';
import { DynamoDbComplaintEscalationStore } from '../../escalation/adapters/dynamodb-complaint-escalation-store.ts';
import { type ComplaintAcceptedMessage, complaintAcceptedMessage } from '../contracts/complaint-accepted-message.ts';
import { complainantLogExpiresAt, storedComplaintOf } from '../core/stored-complaint.ts';
import { decideAgainAfterLostRaces } from '../../escalation/core/decide-again-after-lost-races.ts';
import { planComplaintEscalation, repeatWindowDaysOf } from '../../escalation/core/plan-complaint-escalation.ts';
import { addressKey } from '../../surveys/core/address-key.ts';
import { escalationNotifier } from '../../escalation/wiring/escalation-notifier.ts';
import { logger } from '../../platform/logging/logger.ts';
import { metrics } from '../../platform/logging/metrics.ts';
import { parseQueueMessage } from '../../platform/queue/parse-queue-message.ts';
import { ComplaintConflictError } from '../core/errors.ts';
import { sqsBatchHandler } from '../../platform/queue/sqs-batch-handler.ts';
import { daysSetting, readRuntimeConfig, requiredSetting } from '../../platform/settings/runtime-config.ts';

const config = readRuntimeConfig({ TABLE_NAME: requiredSetting, COMPLAINT_RETENTION_DAYS: daysSetting }, process.env);
const dynamodb = new DynamoDBClient({});
const store = new DynamoDbComplaintEscalationStore(dynamodb, config.TABLE_NAME);
const notifier = await escalationNotifier(dynamodb, process.env);

/**
 * Stores one queued complaint with its escalation: reads the case it names, the complainant's
 * recent complaints and the round-robin cursors (1 BatchGetItem), decides, and writes the
 * complaint (`under_review`), the escalation and its two outbox items in one transaction. A
 * redelivered complaint finds its item already there and does nothing more. The emails go out
 * at once (fast path); if that fails, the sweep sends them from the outbox.
 */
export const storeComplaint = async (record: SQSRecord) => {
  const message = parseQueueMessage(record, complaintAcceptedMessage);
  // The records of a batch are stored in parallel and may meet on the round-robin item at the same moment: read again and decide again.
  return decideAgainAfterLostRaces(() => storeOnce(message), {
    giveUp: (attempts) => new ComplaintConflictError('store_conflict', `Complaint ${message.complaintId} lost ${attempts} races; SQS retries it.`),
  });
};

const storeOnce = async (message: ComplaintAcceptedMessage) => {
  const now = new Date();
  const complainant = addressKey(message.submission.email);
  const [context, settings] = await Promise.all([store.readContext(message.submission.caseId, complainant), notifier.currentSettings()]);
  const plan = planComplaintEscalation(message, { complainantKey: complainant }, context, settings, now);
  const { escalation } = plan;
  const outcome = await store.storeComplaint({
    complaint: storedComplaintOf(message, plan, { receivedAt: now, retentionDays: config.COMPLAINT_RETENTION_DAYS }),
    addressKey: complainant,
    complaintTimes: plan.complaintTimes,
    complainantExpiresAt: complainantLogExpiresAt(now, repeatWindowDaysOf(settings)),
    storedComplaintCount: context.storedComplaintCount,
    ...(escalation ? { escalation: { escalation, reference: message.reference, nextRoundRobinCursor: plan.roundRobinCursors[escalation.team] } } : {}),
    notifications: plan.notifications,
  });
  if (outcome === 'conflict') return outcome;
  metrics.addMetric(outcome === 'stored' ? 'ComplaintStored' : 'DuplicateDelivery', MetricUnit.Count, 1);
  if (outcome === 'duplicate' || !escalation) return outcome;
  metrics.addMetric('EscalationOpened', MetricUnit.Count, 1);
  if (plan.acknowledgementWithheld) metrics.addMetric('AcknowledgementWithheld', MetricUnit.Count, 1);
  logger.info('Escalation opened', {
    escalationId: escalation.id,
    severity: escalation.severity,
    team: escalation.team,
    rules: plan.appliedRules.join(' '),
    ...(plan.acknowledgementWithheld ? { acknowledgement: 'withheld' } : {}),
  });
  const { audit: _audit, ...state } = escalation;
  const notificationContext = {
    complaint: { complaintId: message.complaintId, reference: message.reference, email: message.submission.email, locale: plan.customer.language },
    escalation: { ...state, reference: message.reference, version: escalation.audit.length },
  };
  // Committed already: a failed send stays in the outbox for the sweep, so it must not fail the message.
  const report = await notifier.deliver(plan.notifications.map((notification) => ({ notification, context: notificationContext })));
  metrics.addMetric('NotificationSent', MetricUnit.Count, report.sent);
  return outcome;
};

export const handler = sqsBatchHandler(storeComplaint);
