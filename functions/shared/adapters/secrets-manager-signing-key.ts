import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/**
 * Reads the link-signing key once, at cold start (the handler awaits it at module scope), so a
 * missing or empty secret fails the init loudly instead of signing with nothing.
 *
 * @example
 * ```ts
 * const signingKey = await loadSigningKey(new SecretsManagerClient({}), config.SIGNING_KEY_SECRET_ARN);
 * ```
 */
export const loadSigningKey = async (client: SecretsManagerClient, secretArn: string): Promise<string> => {
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
  if (!SecretString || SecretString.length < 32) {
    throw new Error(`The link-signing secret ${secretArn} is empty or shorter than 32 characters.`);
  }
  return SecretString;
};
