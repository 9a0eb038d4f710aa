import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerResult } from 'aws-lambda';
import { logger } from '../../platform/logging/logger.ts';
import * as z from 'zod/mini';
import { readRuntimeConfig, requiredSetting } from '../../platform/settings/runtime-config.ts';
import { acceptedKeys, type IntegrationKeys, parseIntegrationKeys } from '../core/integration-keys.ts';
import { isBearerOfAny } from './is-bearer-of.ts';

const config = readRuntimeConfig(
  { INTEGRATION_KEY_SECRET_ARN: requiredSetting, INTEGRATION_KEY_MAX_AGE_SECONDS: z.coerce.number().check(z.int(), z.gte(1), z.lte(3600)) },
  process.env,
);
const secrets = new SecretsProvider({ awsSdkV3Client: new SecretsManagerClient({}) });
/**
 * Least time between two reads forced by a key the cached value does not hold: a caller sending
 * bad keys costs an environment one read a second. A key that comes sooner waits for the next
 * read rather than being refused, since API Gateway would cache that refusal for minutes and the
 * key may be the one a rotation just put.
 */
const FORCED_READ_INTERVAL_MS = 1_000;
let nextForcedReadAt = 0;

const readKeys = async (forceFetch = false): Promise<IntegrationKeys> => {
  const value = await secrets.get(config.INTEGRATION_KEY_SECRET_ARN, { maxAge: config.INTEGRATION_KEY_MAX_AGE_SECONDS, forceFetch });
  // The secret is a SecretString; a binary secret is not one of ours and is refused as unusable.
  return parseIntegrationKeys(typeof value === 'string' ? value : undefined);
};
// At init: a missing, empty or short secret fails the cold start instead of authorizing against nothing.
await readKeys();

/**
 * HTTP API Lambda authorizer (payload 2.0, simple responses) for system-to-system routes: the
 * caller must send `Authorization: Bearer <key>` (or, for the edge firewall's origin check,
 * CloudFront the header that is this authorizer's identity source), the current key of its secret
 * or, during a rotation, the previous one. The secret is read at most every INTEGRATION_KEY_MAX_AGE_SECONDS (a
 * retired key stops working within that, plus API Gateway's result cache), and again for a key it
 * does not hold (within a second), so a new key works as soon as it is put. API Gateway answers 401 itself
 * when the header is missing and 403 when this answers `isAuthorized: false`. Logs the route,
 * never the header.
 */
export const handler = async (event: APIGatewayRequestAuthorizerEventV2): Promise<APIGatewaySimpleAuthorizerResult> => {
  // The authorizer's identity source: `Authorization` for the support system's routes, the origin
  // header CloudFront adds for the edge firewall's (the viewer's own Authorization then is not the key).
  const authorization = event.identitySource?.[0] ?? event.headers?.authorization;
  let isAuthorized = isBearerOfAny(authorization, acceptedKeys(await readKeys()));
  if (!isAuthorized) {
    // One invocation at a time per environment, so no two of these overlap.
    const wait = nextForcedReadAt - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    nextForcedReadAt = Date.now() + FORCED_READ_INTERVAL_MS;
    isAuthorized = isBearerOfAny(authorization, acceptedKeys(await readKeys(true)));
  }
  if (!isAuthorized) logger.warn('integration call refused', { routeKey: event.routeKey });
  return { isAuthorized };
};
