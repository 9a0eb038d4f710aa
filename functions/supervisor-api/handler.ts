import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DynamoDbEscalationStore } from '../shared/adapters/dynamodb-escalation-store.ts';
import { loadSigningKeyRing } from '../shared/adapters/secrets-manager-signing-key.ts';
import { verificationKeysOf } from '../shared/core/signing-key-ring.ts';
import { httpHandler } from '../shared/http/http-handler.ts';
import { listSetting, readRuntimeConfig, requiredSetting } from '../shared/runtime-config.ts';
import { supervisorRoutes } from './supervisor-routes.ts';

const config = readRuntimeConfig({ TABLE_NAME: requiredSetting, SIGNING_KEY_SECRET_ARN: requiredSetting, ESCALATION_TEAMS: listSetting }, process.env);
// The cursor of a listing is signed with the link-signing key ring: every execution environment
// reads the same ring, so a cursor from one is valid in another and across rotations.
const ring = await loadSigningKeyRing(new SecretsManagerClient({}), config.SIGNING_KEY_SECRET_ARN);

/**
 * The supervisor API (`/escalations…`), one function behind seven routes, each with the JWT
 * authorizer: the routes share one bundle (DynamoDB client, zod/mini, the escalation core), so one
 * function keeps one cold start per environment for a supervisor clicking through their queue
 * instead of one per route, at no cost in bundle size.
 */
export const handle = supervisorRoutes({
  store: new DynamoDbEscalationStore(new DynamoDBClient({}), config.TABLE_NAME),
  teams: config.ESCALATION_TEAMS,
  signingKey: ring.current,
  verificationKeys: verificationKeysOf(ring),
  now: () => new Date(),
});

export const handler = httpHandler(handle);
