import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  type SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import type { SecretsManagerRotationEvent } from 'aws-lambda';
import { ownValue } from '../../platform/own-value.ts';
import { assertRotationKeepsLinks, rotateSigningKeyRing } from '../core/rotate-signing-key-ring.ts';
import { parseSigningKeyRing, serializeSigningKeyRing } from '../core/signing-key-ring.ts';
import { SigningKeyRotationError } from '../core/errors.ts';

/** Newer rotations also send a RotationToken, which PutSecretValue takes to prove the caller. */
export type SigningKeyRotationEvent = SecretsManagerRotationEvent & { readonly RotationToken?: string };

export interface RotateSigningKeyStepOptions {
  readonly client: SecretsManagerClient;
  readonly now: Date;
  /** A fresh random key per call (only createSecret uses it). */
  readonly generateKey: () => string;
  readonly linkLifetimeDays: number;
}

export type RotationStepOutcome = 'already_current' | 'pending_exists' | 'pending_created' | 'nothing_to_set' | 'pending_tested' | 'finished';

/**
 * Runs one of the four steps Secrets Manager calls a rotation function with, as AWS's rotation
 * function template does: createSecret writes the rotated ring as AWSPENDING (once per
 * ClientRequestToken), setSecret has no service to update (functions read the secret at cold
 * start), testSecret refuses a ring that would break a link, finishSecret moves AWSCURRENT.
 *
 * @example
 * ```ts
 * await rotateSigningKeyStep(event, { client, now: new Date(), generateKey, linkLifetimeDays: 180 });
 * ```
 */
export const rotateSigningKeyStep = async (event: SigningKeyRotationEvent, options: RotateSigningKeyStepOptions): Promise<RotationStepOutcome> => {
  const { client } = options;
  const { SecretId, ClientRequestToken: token, Step } = event;
  const described = await client.send(new DescribeSecretCommand({ SecretId }));
  if (!described.RotationEnabled) throw new SigningKeyRotationError('rotation_disabled', `Rotation is not enabled for ${SecretId}.`);
  const versions = described.VersionIdsToStages ?? {};
  const stages = ownValue(versions, token);
  if (stages === undefined) throw new SigningKeyRotationError('unknown_version', `Secret ${SecretId} has no version ${token} to rotate to.`);
  if (stages.includes('AWSCURRENT')) return 'already_current';
  if (!stages.includes('AWSPENDING')) throw new SigningKeyRotationError('not_pending', `Version ${token} of ${SecretId} is not AWSPENDING.`);

  const ringAt = async (stage: { VersionStage: string } | { VersionId: string; VersionStage: string }) =>
    parseSigningKeyRing((await client.send(new GetSecretValueCommand({ SecretId, ...stage }))).SecretString);

  switch (Step) {
    case 'createSecret': {
      const current = await ringAt({ VersionStage: 'AWSCURRENT' });
      try {
        await ringAt({ VersionId: token, VersionStage: 'AWSPENDING' });
        return 'pending_exists';
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) throw error;
      }
      const rotated = rotateSigningKeyRing(current, { newKey: options.generateKey(), now: options.now, linkLifetimeDays: options.linkLifetimeDays });
      await client.send(
        new PutSecretValueCommand({
          SecretId,
          ClientRequestToken: token,
          SecretString: serializeSigningKeyRing(rotated),
          VersionStages: ['AWSPENDING'],
          ...(event.RotationToken === undefined ? {} : { RotationToken: event.RotationToken }),
        }),
      );
      return 'pending_created';
    }
    case 'setSecret':
      return 'nothing_to_set';
    case 'testSecret': {
      const [current, pending] = await Promise.all([ringAt({ VersionStage: 'AWSCURRENT' }), ringAt({ VersionId: token, VersionStage: 'AWSPENDING' })]);
      assertRotationKeepsLinks(current, pending, { now: options.now, linkLifetimeDays: options.linkLifetimeDays });
      return 'pending_tested';
    }
    case 'finishSecret': {
      const currentVersion = Object.entries(versions).find(([, labels]) => labels.includes('AWSCURRENT'))?.[0];
      await client.send(
        new UpdateSecretVersionStageCommand({
          SecretId,
          VersionStage: 'AWSCURRENT',
          MoveToVersionId: token,
          ...(currentVersion === undefined ? {} : { RemoveFromVersionId: currentVersion }),
        }),
      );
      return 'finished';
    }
    default:
      throw new SigningKeyRotationError('unknown_step', `Unknown rotation step ${String(Step).slice(0, 40)}.`);
  }
};
