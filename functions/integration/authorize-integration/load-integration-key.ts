import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { IntegrationKeyError } from '../core/errors.ts';

/** Shorter keys are refused: the construct generates 64 characters, a hand-set key must not be guessable. */
const MIN_INTEGRATION_KEY_LENGTH = 32;

/**
 * Reads the integration key once, at cold start (the handler awaits it at module scope), so a
 * missing, empty or short secret fails the init instead of authorizing against nothing.
 * GetSecretValue without a stage returns the AWSCURRENT version.
 *
 * @example
 * ```ts
 * const key = await loadIntegrationKey(new SecretsManagerClient({}), config.INTEGRATION_KEY_SECRET_ARN);
 * ```
 */
export const loadIntegrationKey = async (client: SecretsManagerClient, secretArn: string): Promise<string> => {
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
  const key = SecretString?.trim() ?? '';
  if (key.length < MIN_INTEGRATION_KEY_LENGTH || /\s/.test(key)) {
    throw new IntegrationKeyError(
      'integration_key_unusable',
      `The integration key secret must hold one token of at least ${MIN_INTEGRATION_KEY_LENGTH} characters without spaces.`,
    );
  }
  return key;
};
