import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { parseSigningKeyRing, type SigningKeyRing } from '../core/signing-key-ring.ts';

/**
 * Reads the link-signing key ring once, at cold start (the handler awaits it at module scope), so
 * a missing, empty or malformed secret fails the init loudly instead of signing with nothing.
 * GetSecretValue without a stage returns AWSCURRENT, which the rotation function moves last.
 *
 * @example
 * ```ts
 * const ring = await loadSigningKeyRing(new SecretsManagerClient({}), config.SIGNING_KEY_SECRET_ARN);
 * ```
 */
export const loadSigningKeyRing = async (client: SecretsManagerClient, secretArn: string): Promise<SigningKeyRing> => {
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
  return parseSigningKeyRing(SecretString);
};
