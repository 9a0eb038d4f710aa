import { DynamoDBClient, GetItemCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { DynamoDbEscalationStore } from '../adapters/dynamodb-escalation-store.ts';
import { notificationPutItem } from '../adapters/dynamodb-notification-outbox.ts';
import { escalationRequestKey } from '../../surveys/contracts/survey-item-keys.ts';
import { loadSigningKeyRing } from '../../links/adapters/secrets-manager-signing-key.ts';
import { notificationIdOf, type StoredNotification } from '../contracts/stored-notification-items.ts';
import { complaintKey } from '../../intake/core/complaint-record.ts';
import type { StoredEscalation } from '../core/escalation-store.ts';
import { teamMembersOf } from '../core/supervisor-directory.ts';
import { verificationKeysOf } from '../../links/core/signing-key-ring.ts';
import { escalationNotifier } from '../wiring/escalation-notifier.ts';
import { httpHandler } from '../../platform/http/http-handler.ts';
import { listSetting, readRuntimeConfig, requiredSetting } from '../../platform/settings/runtime-config.ts';
import { supervisorRoutes } from './supervisor-routes.ts';
import { type EscalationComplaint, type EscalationSurveyAnswer, escalationComplaintSchema, escalationSurveyAnswerSchema } from '../contracts/supervisor-api.ts';

const config = readRuntimeConfig({ TABLE_NAME: requiredSetting, SIGNING_KEY_SECRET_ARN: requiredSetting, ESCALATION_TEAMS: listSetting }, process.env);
// The cursor of a listing is signed with the link-signing key ring: every execution environment
// reads the same ring, so a cursor from one is valid in another and across rotations.
const ring = await loadSigningKeyRing(new SecretsManagerClient({}), config.SIGNING_KEY_SECRET_ARN);
const dynamodb = new DynamoDBClient({});
const notifier = await escalationNotifier(dynamodb, process.env, ring);

const resolvedNotification = (escalation: Omit<StoredEscalation, 'audit'>, now: Date): StoredNotification => ({
  notificationId: notificationIdOf(escalation.id, 'complaint_resolved', escalation.level),
  kind: 'complaint_resolved',
  escalationId: escalation.id,
  // The escalation of a complaint has the complaint's id (the consumer opens it so).
  complaintId: escalation.id,
  level: escalation.level,
  createdAt: now.toISOString(),
});

/** The complaint's status and resolution, changed in the resolve's transaction; only a stored complaint (never a new item). */
const complaintResolvedUpdate = (escalation: Omit<StoredEscalation, 'audit'>): TransactWriteItem => ({
  Update: {
    TableName: config.TABLE_NAME,
    Key: marshall(complaintKey(escalation.id)),
    UpdateExpression: 'SET #status = :resolved, resolution = :resolution, resolvedAt = :at',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: marshall({ ':resolved': 'resolved', ':resolution': escalation.resolution ?? '', ':at': escalation.resolvedAt ?? '' }),
  },
});

const complaintExists = async (complaintId: string) =>
  (await dynamodb.send(new GetItemCommand({ TableName: config.TABLE_NAME, Key: marshall(complaintKey(complaintId)), ProjectionExpression: 'pk' }))).Item !==
  undefined;

/**
 * The supervisor API (`/escalations…`), one function behind seven routes, each with the JWT
 * authorizer: the routes share one bundle (DynamoDB client, zod/mini, the escalation core), so one
 * function keeps one cold start per environment for a supervisor clicking through their queue
 * instead of one per route, at no cost in bundle size. A resolve writes the complainant's email
 * to the outbox and the complaint's `resolved` status in its own transaction, then sends the email.
 */
// The escalation of a complaint has the complaint's id; only what a supervisor needs is read.
const complaintOf = async (escalationId: string): Promise<EscalationComplaint | undefined> => {
  const { Item } = await dynamodb.send(
    new GetItemCommand({
      TableName: config.TABLE_NAME,
      Key: marshall(complaintKey(escalationId)),
      ProjectionExpression: 'category, description, caseId, product, #language, acceptedAt',
      ExpressionAttributeNames: { '#language': 'language' },
    }),
  );
  return Item === undefined ? undefined : escalationComplaintSchema.parse(unmarshall(Item));
};

// The escalation of a low survey score has the response's id; its request keeps the answer as first confirmed.
const surveyAnswerOf = async (escalationId: string): Promise<EscalationSurveyAnswer | undefined> => {
  const { Item } = await dynamodb.send(
    new GetItemCommand({
      TableName: config.TABLE_NAME,
      Key: marshall(escalationRequestKey(escalationId)),
      ProjectionExpression: 'csat, reasons, #comment, caseId, requestedAt',
      ExpressionAttributeNames: { '#comment': 'comment' },
    }),
  );
  if (Item === undefined) return undefined;
  const { requestedAt, ...answer } = unmarshall(Item);
  return escalationSurveyAnswerSchema.parse({ ...answer, answeredAt: requestedAt });
};

export const handle = supervisorRoutes({
  store: new DynamoDbEscalationStore(dynamodb, config.TABLE_NAME),
  teams: config.ESCALATION_TEAMS,
  // The supervisor directory the escalations were routed with (ESCALATION_SETTINGS): a reassign names one of its teams' members.
  teamMembers: teamMembersOf(notifier.settings.directory),
  signingKey: ring.current,
  verificationKeys: verificationKeysOf(ring),
  now: () => new Date(),
  complaintOf,
  surveyAnswerOf,
  resolution: {
    // An escalation without a stored complaint (a confirmed low CSAT, a hand-made one) has nobody to tell.
    writesFor: async (escalation, now) =>
      escalation.source !== 'survey' && (await complaintExists(escalation.id))
        ? [notificationPutItem(config.TABLE_NAME, resolvedNotification(escalation, now)), complaintResolvedUpdate(escalation)]
        : [],
    // Without an outbox item (no complaint) the claim finds nothing and nothing is sent.
    deliver: (escalation, now) => notifier.deliver([{ notification: resolvedNotification(escalation, now) }], now),
  },
});

export const handler = httpHandler(handle);
