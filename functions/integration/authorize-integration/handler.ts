import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerResult } from 'aws-lambda';
import { logger } from '../../platform/logging/logger.ts';
import { readRuntimeConfig, requiredSetting } from '../../platform/settings/runtime-config.ts';
import { isBearerOf } from './is-bearer-of.ts';
import { loadIntegrationKey } from './load-integration-key.ts';

const config = readRuntimeConfig({ INTEGRATION_KEY_SECRET_ARN: requiredSetting }, process.env);
const integrationKey = await loadIntegrationKey(new SecretsManagerClient({}), config.INTEGRATION_KEY_SECRET_ARN);

/**
 * HTTP API Lambda authorizer (payload 2.0, simple responses) for system-to-system routes: the
 * caller must send `Authorization: Bearer <integration key>`. API Gateway answers 401 itself when
 * the header is missing and 403 when this answers `isAuthorized: false`. Logs the route, never
 * the header.
 */
export const handler = async (event: APIGatewayRequestAuthorizerEventV2): Promise<APIGatewaySimpleAuthorizerResult> => {
  // API Gateway lowercases header names in payload 2.0; identitySource holds the same value.
  const authorization = event.headers?.authorization ?? event.identitySource?.[0];
  const isAuthorized = isBearerOf(authorization, integrationKey);
  if (!isAuthorized) logger.warn('integration call refused', { routeKey: event.routeKey });
  return { isAuthorized };
};
