import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../../local/emulators/local-aws.ts';
import { serveSecrets } from '../../../local/emulators/serve-secrets.ts';
import type { CfnTemplate } from '../../../local/template/cloudformation-template.ts';
import { foreignHosts, sendWithHeaders } from '../../helpers/send-with-headers.ts';

const template = {
  Resources: { SigningKey: { Type: 'AWS::SecretsManager::Secret', Properties: { GenerateSecretString: { PasswordLength: 48 } } } },
} as unknown as CfnTemplate;

let dataDir: string;
let secretsFile: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'secrets-'));
  secretsFile = join(dataDir, 'secrets.json');
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

describe('serveSecrets', () => {
  it('keeps a generated key in a file only its owner can read', async () => {
    const secrets = await serveSecrets(template, secretsFile);
    await secrets.stop();

    expect((await stat(secretsFile)).mode & 0o777).toBe(0o600);
    expect(Object.keys(JSON.parse(await readFile(secretsFile, 'utf8')))).toEqual(['SigningKey']);
  });

  it('narrows a key file an earlier version left readable by everyone', async () => {
    await writeFile(secretsFile, JSON.stringify({ SigningKey: 'k'.repeat(48) }), { mode: 0o644 });

    const secrets = await serveSecrets(template, secretsFile);
    await secrets.stop();

    expect((await stat(secretsFile)).mode & 0o777).toBe(0o600);
  });

  it.each([
    ['is not JSON', '{"SigningKey": ', 'is not valid JSON'],
    ['is not an object of strings', '["k"]', 'is not an object of secret values'],
    ['holds a value that is not a string', '{"SigningKey": 42}', 'is not an object of secret values'],
  ])('refuses a secrets file that %s in one line naming it, and leaves it as it was', async (_, content, reason) => {
    await writeFile(secretsFile, content);

    const started = serveSecrets(template, secretsFile);

    await expect(started).rejects.toMatchObject({ code: 'SECRETS_FILE_UNREADABLE', message: expect.stringContaining(`${secretsFile} ${reason}`) });
    await expect(started).rejects.toSatisfy((error: Error) => !error.message.includes('\n'));
    expect(await readFile(secretsFile, 'utf8')).toBe(content);
  });
});

describe('the local Secrets Manager endpoint, asked by a page or a forged Host', () => {
  const getSigningKey = (endpoint: string, headers: Record<string, string>) =>
    sendWithHeaders(`${endpoint}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'secretsmanager.GetSecretValue', ...headers },
      body: JSON.stringify({ SecretId: 'SigningKey' }),
    });

  it.each(foreignHosts)('answers 421 to a Host naming %s, and never the key', async (_case, host) => {
    const secrets = await serveSecrets(template, secretsFile);
    try {
      const port = Number(new URL(secrets.endpoint).port);

      const answer = await getSigningKey(secrets.endpoint, { host: host(port) });

      expect(answer.status).toBe(421);
      expect(JSON.parse(answer.text)).toEqual({ error: { code: 'misdirected_request', message: expect.stringContaining(`127.0.0.1:${port}`) } });
      expect(answer.text).not.toContain(secrets.valuesByLogicalId.SigningKey);
    } finally {
      await secrets.stop();
    }
  });

  it('answers 403 to a request a browser marks as from another site', async () => {
    const secrets = await serveSecrets(template, secretsFile);
    try {
      const answer = await getSigningKey(secrets.endpoint, { host: new URL(secrets.endpoint).host, 'sec-fetch-site': 'cross-site' });

      expect(answer.status).toBe(403);
      expect(answer.text).not.toContain(secrets.valuesByLogicalId.SigningKey);
    } finally {
      await secrets.stop();
    }
  });

  it('serves the SDK, which names 127.0.0.1 and the port, and localhost with the port', async () => {
    const secrets = await serveSecrets(template, secretsFile);
    try {
      const client = new SecretsManagerClient(localClientConfig(secrets.endpoint));
      const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: 'SigningKey' }));
      client.destroy();
      const viaLocalhost = await getSigningKey(secrets.endpoint, { host: `localhost:${new URL(secrets.endpoint).port}` });

      expect(SecretString).toBe(secrets.valuesByLogicalId.SigningKey);
      expect(viaLocalhost.status).toBe(200);
    } finally {
      await secrets.stop();
    }
  });
});
