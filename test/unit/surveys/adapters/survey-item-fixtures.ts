import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { SurveyInvitation } from '../../../../functions/surveys/core/customer-survey-history.ts';

/** The post-resolution invitation inv-1 of cust-1 for CASE-1, scheduled and not yet sent. */
export const scheduledInvitation: SurveyInvitation = {
  invitationId: 'inv-1',
  kind: 'post_resolution',
  customerId: 'cust-1',
  caseId: 'CASE-1',
  state: 'scheduled',
  scheduledFor: '2026-03-02T10:00:00.000Z',
  expiresAt: '2026-03-16T10:00:00.000Z',
};

/** What DynamoDB throws for a refused TransactWriteItems: one cancellation code per item, in order. */
export const transactionCancelled = (...codes: string[]) =>
  new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });
