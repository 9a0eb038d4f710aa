import { randomUUID } from 'node:crypto';
import { type DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { marshall } from '@aws-sdk/util-dynamodb';
import { DynamoDbCaseIntakeStore } from '../../functions/surveys/adapters/dynamodb-case-intake-store.ts';
import { loadSigningKeyRing } from '../../functions/links/adapters/secrets-manager-signing-key.ts';
import type { SurveyAnswerSubmittedMessage } from '../../functions/surveys/contracts/survey-answer-message.ts';
import { surveyPolicySettingsSchema } from '../../functions/surveys/contracts/survey-policy-settings.ts';
import { surveyResponseId } from '../../functions/surveys/core/record-survey-answer.ts';
import { decideInvitation } from '../../functions/surveys/core/decide-invitation.ts';
import { surveyPageLink, unsubscribeLink } from '../../functions/surveys/core/survey-links.ts';
import { signSurveyToken } from '../../functions/surveys/core/survey-token.ts';
import { signUnsubscribeToken } from '../../functions/surveys/core/unsubscribe-token.ts';
import { type connectTo, eventually } from '../integration/helpers/pipeline-connection.ts';
import { recordSentAsTheMailer } from './record-sent-as-the-mailer.ts';

const DAY = 86_400_000;

/**
 * What `POST /cases/resolved` would have recorded about the surveyed case (`CASE#<caseId>`/`CONTEXT`
 * and the contact's tier and region); without it, the customer is standard and no context is stored.
 */
export interface SurveyedCaseContext {
  readonly tier: 'premium' | 'standard';
  readonly region?: string;
  readonly product?: string;
  readonly team?: string;
  readonly agentId?: string;
}

/** Where the running local pipeline keeps its table and its link-signing key ring. */
export interface SurveyWorld {
  readonly apiUrl: string;
  readonly dynamodb: DynamoDBClient;
  readonly tableName: string;
  readonly secretsEndpoint: string;
  readonly secrets: Record<string, string>;
}

/**
 * Creates a sent post-resolution invitation the way the case intake and the mailer do
 * (decideInvitation and the case intake's scheduleInvitation, then the mailer's claim and record),
 * with the customer's CONTACT item, and signs
 * its links with the pipeline's own key ring. `resolvedDaysAgo` above the link expiry (14 days
 * after sending) gives a closed survey.
 *
 * @example
 * ```ts
 * const sent = await sendInvitation(world, { locale: 'ja' });
 * await fetch(sent.surveyUrl(4));
 * ```
 */
export const sendInvitation = async (
  world: SurveyWorld,
  options: {
    readonly locale?: string;
    readonly resolvedDaysAgo?: number;
    readonly caseContext?: SurveyedCaseContext;
    /** Who the customer is. @default customer@example.com, no name */
    readonly customer?: { readonly email: string; readonly name?: string };
  } = {},
) => {
  const store = new DynamoDbCaseIntakeStore(world.dynamodb, world.tableName);
  const customerId = `cust-${randomUUID()}`;
  const email = options.customer?.email ?? 'customer@example.com';
  const now = Date.now();
  const resolvedAt = new Date(now - (options.resolvedDaysAgo ?? 1.1) * DAY);
  const decidedAt = new Date(resolvedAt.getTime() + 60_000);
  // As the support system would have described the case: its team, product and agent, the customer's tier and region.
  const context = options.caseContext;
  const caseResolved = {
    caseId: `CASE-${randomUUID()}`,
    resolvedAt: resolvedAt.toISOString(),
    customer: {
      id: customerId,
      email,
      name: options.customer?.name,
      tier: context?.tier ?? ('standard' as const),
      locale: options.locale,
      region: context?.region,
    },
    team: context?.team,
    product: context?.product,
    agentId: context?.agentId,
  };
  await world.dynamodb.send(
    new PutItemCommand({
      TableName: world.tableName,
      Item: marshall(
        {
          pk: `CUSTOMER#${customerId}`,
          sk: 'CONTACT',
          customerId,
          email,
          name: options.customer?.name,
          locale: options.locale,
          tier: options.caseContext?.tier ?? 'standard',
          region: options.caseContext?.region,
          lastSeenAt: resolvedAt.toISOString(),
        },
        { removeUndefinedValues: true },
      ),
    }),
  );
  if (options.caseContext)
    await world.dynamodb.send(
      new PutItemCommand({
        TableName: world.tableName,
        Item: marshall(
          {
            pk: `CASE#${caseResolved.caseId}`,
            sk: 'CONTEXT',
            caseId: caseResolved.caseId,
            customerId,
            locale: options.locale,
            ...options.caseContext,
            resolvedAt: resolvedAt.toISOString(),
          },
          { removeUndefinedValues: true },
        ),
      }),
    );
  const decision = decideInvitation(caseResolved, await store.loadCustomerHistory(customerId), surveyPolicySettingsSchema.parse({}), decidedAt);
  if (decision.kind !== 'scheduled') throw new Error(`expected a scheduled invitation, got ${decision.reason}`);
  await store.scheduleInvitation(decision);
  const sentAt = new Date(Date.parse(decision.invitation.scheduledFor) + 1_000);
  if ((await recordSentAsTheMailer(world.dynamodb, world.tableName, decision.invitation, sentAt)) !== 'sent')
    throw new Error('the invitation was not marked sent');

  const secretArn = Object.entries(world.secrets).find(([logicalId]) => logicalId.startsWith('LinkSigningKey'))?.[1];
  if (!secretArn) throw new Error(`No link-signing key among ${Object.keys(world.secrets).join(', ')}`);
  const ring = await loadSigningKeyRing(
    new SecretsManagerClient({ endpoint: world.secretsEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    secretArn,
  );
  const expiresAt = new Date(decision.invitation.expiresAt);
  const baseUrl = new URL(world.apiUrl);
  const surveyToken = signSurveyToken(decision.invitationId, expiresAt, ring.current);
  const unsubscribeToken = signUnsubscribeToken(decision.invitationId, expiresAt, ring.current);
  return {
    invitation: { ...decision.invitation, state: 'sent' as const, sentAt: sentAt.toISOString() },
    customerId,
    caseId: caseResolved.caseId,
    surveyToken,
    /** A survey token that outlives the invitation, to reach the page's own expiry check. */
    lateSurveyToken: signSurveyToken(decision.invitationId, new Date(now + 30 * DAY), ring.current),
    surveyPath: (score?: number) => new URL(surveyPageLink(baseUrl, surveyToken, score)).pathname + new URL(surveyPageLink(baseUrl, surveyToken, score)).search,
    surveyUrl: (score?: number) => surveyPageLink(baseUrl, surveyToken, score),
    unsubscribePath: new URL(unsubscribeLink(baseUrl, unsubscribeToken)).pathname,
    unsubscribeUrl: unsubscribeLink(baseUrl, unsubscribeToken),
  };
};

/**
 * The queue message the survey page sends for an answer given through its JSON API, as a string
 * ready for `SendMessage`: tests send it again to play SQS's redelivery.
 *
 * @example
 * ```ts
 * await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: answerMessage(sent, { csat: 1 }) }));
 * ```
 */
export const answerMessage = (
  sent: { readonly invitation: { readonly invitationId: string } },
  answer: SurveyAnswerSubmittedMessage['answer'],
  submittedAt = new Date().toISOString(),
): string =>
  JSON.stringify({
    type: 'survey.answer_submitted',
    version: 1,
    invitationId: sent.invitation.invitationId,
    responseId: surveyResponseId(sent.invitation.invitationId),
    source: 'api',
    submittedAt,
    answer,
  } satisfies SurveyAnswerSubmittedMessage);

/**
 * An invitation's response once the answer consumer has stored it confirmed (polled, up to 15 s).
 *
 * @example
 * ```ts
 * expect(await confirmedResponse(api, invitationId)).toMatchObject({ source: 'page' });
 * ```
 */
export const confirmedResponse = (api: Pick<ReturnType<typeof connectTo>, 'getItem'>, invitationId: string) =>
  eventually(
    async () => {
      const item = await api.getItem(`INVITATION#${invitationId}`, 'RESPONSE');
      return item?.status === 'confirmed' ? item : undefined;
    },
    15_000,
    'the confirmed response',
  );
