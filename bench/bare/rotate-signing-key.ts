// The yardstick for functions/links/rotate-signing-key: per step, DescribeSecret, then the step's calls
// (GetSecretValue of AWSCURRENT and AWSPENDING, PutSecretValue, UpdateSecretVersionStage), as
// rotate-signing-key-step.ts makes them; the new ring is the new key alone, nothing is checked.
import { randomBytes } from 'node:crypto';
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import type { SecretsManagerRotationEvent } from 'aws-lambda';

const client = new SecretsManagerClient({});

export const handler = async ({ SecretId, ClientRequestToken, Step }: SecretsManagerRotationEvent): Promise<void> => {
  const { VersionIdsToStages } = await client.send(new DescribeSecretCommand({ SecretId }));
  if (Step === 'createSecret') {
    await client.send(new GetSecretValueCommand({ SecretId, VersionStage: 'AWSCURRENT' }));
    try {
      await client.send(new GetSecretValueCommand({ SecretId, VersionId: ClientRequestToken, VersionStage: 'AWSPENDING' }));
      return;
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
    const SecretString = JSON.stringify({ version: 1, current: randomBytes(48).toString('base64url'), previous: [] });
    await client.send(new PutSecretValueCommand({ SecretId, ClientRequestToken, SecretString, VersionStages: ['AWSPENDING'] }));
  } else if (Step === 'testSecret') {
    await Promise.all([
      client.send(new GetSecretValueCommand({ SecretId, VersionStage: 'AWSCURRENT' })),
      client.send(new GetSecretValueCommand({ SecretId, VersionId: ClientRequestToken, VersionStage: 'AWSPENDING' })),
    ]);
  } else if (Step === 'finishSecret') {
    const current = Object.entries(VersionIdsToStages ?? {}).find(([, stages]) => stages.includes('AWSCURRENT'))?.[0];
    await client.send(
      new UpdateSecretVersionStageCommand({ SecretId, VersionStage: 'AWSCURRENT', MoveToVersionId: ClientRequestToken, RemoveFromVersionId: current }),
    );
  }
};
