import { randomBytes } from 'node:crypto';
import { GetSecretValueCommand, PutSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { beginRotation, type IntegrationKeys, parseIntegrationKeys, retirePrevious } from '../../functions/integration/core/integration-keys.ts';

/** A new key as the stack generates the first: 64 characters, here of base64url (384 random bits). */
const newIntegrationKey = (): string => randomBytes(48).toString('base64url');

/**
 * The two steps of rotating the support system's key without downtime: `begin` puts a new
 * current key and keeps the old one valid as previous; once the support system sends the new
 * one, `retire` drops the previous. Returns what the secret now holds.
 *
 * @example
 * const keys = await rotateIntegrationKey(new SecretsManagerClient({}), secretArn, 'begin');
 * console.log(keys.current); // give this to the support system
 */
export async function rotateIntegrationKey(client: SecretsManagerClient, secretId: string, step: 'begin' | 'retire'): Promise<IntegrationKeys> {
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  const keys = parseIntegrationKeys(SecretString);
  const next = step === 'begin' ? beginRotation(keys, newIntegrationKey()) : retirePrevious(keys);
  await client.send(new PutSecretValueCommand({ SecretId: secretId, SecretString: JSON.stringify(next) }));
  return next;
}
