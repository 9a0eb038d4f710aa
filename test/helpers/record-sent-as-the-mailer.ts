import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbSurveyMailStore } from '../../functions/surveys/adapters/dynamodb-survey-mail-store.ts';
import { surveyPolicySettingsSchema } from '../../functions/surveys/contracts/survey-policy-settings.ts';
import { decideMailing } from '../../functions/surveys/core/decide-mailing.ts';
import { leaseUntil, SENDING_CLAIM_MS } from '../../functions/surveys/core/plan-dispatch-run.ts';

/**
 * Records an invitation sent at `now` the way the mailer (send-invitation-email) does, through its
 * own store: decide, take the sending claim, record `sent`. Left out: the SES call, the address
 * check (the invitation counts as having one) and the reminder (none is indexed, so the running
 * pipeline never mails one). Answers `not_sent` when the mailer would not send (no longer
 * scheduled, not yet due, expired, opted out) or another claim holds it.
 *
 * @example
 * ```ts
 * expect(await recordSentAsTheMailer(client, tableName, invitation, new Date())).toBe('sent');
 * ```
 */
export async function recordSentAsTheMailer(
  client: DynamoDBClient,
  tableName: string,
  invitation: { readonly invitationId: string; readonly customerId: string },
  now: Date,
): Promise<'sent' | 'not_sent'> {
  const store = new DynamoDbSurveyMailStore(client, tableName);
  const context = await store.loadMailingContext(invitation.invitationId, invitation.customerId);
  const mailing = decideMailing({ ...context, purpose: 'invitation', hasAddress: true }, surveyPolicySettingsSchema.parse({}), now);
  if (mailing.kind !== 'send') return 'not_sent';
  if (!(await store.claimForSending(mailing.invitation, 'invitation', randomUUID(), now, leaseUntil(now, SENDING_CLAIM_MS)))) return 'not_sent';
  await store.recordMailed(mailing.invitation, 'invitation', mailing.record);
  return 'sent';
}
