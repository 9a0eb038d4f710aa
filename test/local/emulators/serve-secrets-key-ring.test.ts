import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../../local/emulators/local-aws.ts';
import { serveSecrets } from '../../../local/emulators/serve-secrets.ts';
import { loadSigningKeyRing } from '../../../functions/links/adapters/secrets-manager-signing-key.ts';
import { serializeSigningKeyRing } from '../../../functions/links/core/signing-key-ring.ts';
import { rotatedKeyRing } from '../../helpers/key-rings.ts';

// The link-signing secret as the pipeline's template declares it.
const template = {
  Resources: {
    LinkSigningKeySecret: { Type: 'AWS::SecretsManager::Secret', Properties: { GenerateSecretString: { ExcludePunctuation: true, PasswordLength: 64 } } },
  },
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'serve-secrets-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const ringServedFrom = async (secretsFile: string) => {
  const secrets = await serveSecrets(template, secretsFile);
  try {
    return await loadSigningKeyRing(new SecretsManagerClient(localClientConfig(secrets.endpoint)), secrets.secrets[0]!.arn);
  } finally {
    await secrets.stop();
  }
};

describe('the local Secrets Manager and the link-signing key ring', () => {
  it('serves a first, generated key that the functions read as a ring of one', async () => {
    const ring = await ringServedFrom(join(dir, 'secrets.json'));
    expect(ring).toEqual({ current: expect.stringMatching(/^[A-Za-z0-9]{64}$/), previous: [] });
  });

  it('serves a rotated ring kept in secrets.json as it is, so local runs with the format AWS holds after a rotation', async () => {
    const secretsFile = join(dir, 'secrets.json');
    await writeFile(secretsFile, JSON.stringify({ LinkSigningKeySecret: serializeSigningKeyRing(rotatedKeyRing()) }));
    expect(await ringServedFrom(secretsFile)).toEqual(rotatedKeyRing());
  });
});
