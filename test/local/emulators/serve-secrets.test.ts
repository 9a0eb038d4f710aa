import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serveSecrets } from '../../../local/emulators/serve-secrets.ts';
import type { CfnTemplate } from '../../../local/template/cloudformation-template.ts';

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
