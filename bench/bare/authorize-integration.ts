// The yardstick for functions/integration/authorize-integration: GetSecretValue at init (the integration key),
// then per request a plain comparison with the Authorization header; no SDK call, no logging.
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerResult } from 'aws-lambda';

const secret = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: process.env.INTEGRATION_KEY_SECRET_ARN }));
const expected = `Bearer ${secret.SecretString}`;

export const handler = async (event: APIGatewayRequestAuthorizerEventV2): Promise<APIGatewaySimpleAuthorizerResult> => ({
  isAuthorized: event.headers?.authorization === expected,
});
