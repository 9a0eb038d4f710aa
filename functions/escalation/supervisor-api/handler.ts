import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DynamoDbDirectoryStore } from '../adapters/dynamodb-directory-store.ts';
import { DynamoDbEscalationStore } from '../adapters/dynamodb-escalation-store.ts';
import { dynamoDbResponseMarks } from '../adapters/dynamodb-response-marks.ts';
import { dynamoDbSupervisorStore } from '../adapters/dynamodb-supervisor-store.ts';
import { loadSigningKeyRing } from '../../links/adapters/secrets-manager-signing-key.ts';
import { complaintResolutionWrites, complaintResolvedNotification } from '../core/resolve-complaint.ts';
import { peopleNamesOf, teamMembersOf } from '../core/supervisor-directory.ts';
import { verificationKeysOf } from '../../links/core/signing-key-ring.ts';
import { escalationNotifier } from '../wiring/escalation-notifier.ts';
import { httpHandler } from '../../platform/http/http-handler.ts';
import { daysSetting, listSetting, readRuntimeConfig, requiredSetting } from '../../platform/settings/runtime-config.ts';
import { supervisorRoutes } from './supervisor-routes.ts';

const config = readRuntimeConfig(
  { TABLE_NAME: requiredSetting, SIGNING_KEY_SECRET_ARN: requiredSetting, ESCALATION_TEAMS: listSetting, COMPLAINT_RETENTION_DAYS: daysSetting },
  process.env,
);
// The cursor of a listing is signed with the link-signing key ring: every execution environment
// reads the same ring, so a cursor from one is valid in another and across rotations.
const ring = await loadSigningKeyRing(new SecretsManagerClient({}), config.SIGNING_KEY_SECRET_ARN);
const dynamodb = new DynamoDBClient({});
const notifier = await escalationNotifier(dynamodb, process.env, ring);
const subjects = dynamoDbSupervisorStore(dynamodb, config.TABLE_NAME);

/**
 * The supervisor API (`/escalations…`, `/people…`, `/responses…`, `/calendars…`), one function behind thirteen routes, each with the JWT
 * authorizer: the routes share one bundle (DynamoDB client, zod/mini, the escalation core), so one
 * function keeps one cold start per environment for a supervisor clicking through their queue
 * instead of one per route, at no cost in bundle size. A resolve writes the complainant's email
 * to the outbox and the complaint's `resolved` status in its own transaction, then sends the email.
 */
export const handle = supervisorRoutes({
  // A resolved escalation is kept as long as its complaint: the same days after the resolution.
  store: new DynamoDbEscalationStore(dynamodb, config.TABLE_NAME, { daysAfterResolution: config.COMPLAINT_RETENTION_DAYS }),
  directory: new DynamoDbDirectoryStore(dynamodb, config.TABLE_NAME),
  deployedRules: notifier.deployedRules,
  teams: config.ESCALATION_TEAMS,
  // The supervisor directory as the table has it now: a reassign names one of its teams' members.
  teamMembers: async () => teamMembersOf((await notifier.currentSettings()).directory),
  names: async () => peopleNamesOf((await notifier.currentSettings()).directory),
  signingKey: ring.current,
  verificationKeys: verificationKeysOf(ring),
  now: () => new Date(),
  subjects,
  responseMarks: dynamoDbResponseMarks(dynamodb, config.TABLE_NAME),
  resolution: {
    writesFor: (escalation, now) => complaintResolutionWrites(subjects, escalation, now, config.COMPLAINT_RETENTION_DAYS),
    // Without an outbox item (no complaint) the claim finds nothing and nothing is sent.
    deliver: (escalation, now) => notifier.deliver([{ notification: complaintResolvedNotification(escalation, now) }], now),
  },
});

export const handler = httpHandler(handle);
