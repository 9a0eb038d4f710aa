import { randomBytes } from 'node:crypto';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { logger } from '../../platform/logging/logger.ts';
import { daysSetting, readRuntimeConfig } from '../../platform/settings/runtime-config.ts';
import { rotateSigningKeyStep, type SigningKeyRotationEvent } from './rotate-signing-key-step.ts';

const config = readRuntimeConfig({ LINK_LIFETIME_DAYS: daysSetting }, process.env);
const client = new SecretsManagerClient({});

// 48 random bytes, 64 base64url characters like the generated first key: longer than SHA-256's
// 32-byte output, the minimum RFC 2104 advises for an HMAC key.
const generateKey = (): string => randomBytes(48).toString('base64url');

/** Secrets Manager's rotation function for the link-signing key ring; one step per invocation. */
export const handler = async (event: SigningKeyRotationEvent): Promise<void> => {
  const outcome = await rotateSigningKeyStep(event, { client, now: new Date(), generateKey, linkLifetimeDays: config.LINK_LIFETIME_DAYS });
  // The version id is no secret; the ring never reaches the logs.
  logger.info('Rotation step done', { step: event.Step, versionId: event.ClientRequestToken, outcome });
};
