import { randomInt } from 'node:crypto';
import { chmod } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveLoopbackHostsOnly } from '../loopback-guard/serve-loopback-hosts-only.ts';
import { readResources, type CfnTemplate } from '../template/cloudformation-template.ts';
import type { ResourceProperties } from '../template/resource-schemas.ts';
import { PrerequisiteError } from '../start-up/prerequisite-error.ts';
import { readPrivateJsonFile } from '../start-up/read-private-json-file.ts';
import { writePrivateFile } from '../start-up/write-private-file.ts';
import { localAccountId, localRegion } from './local-aws.ts';
import type { LocalResourceValues } from '../template/resolve-intrinsics.ts';

export interface LocalSecret {
  readonly logicalId: string;
  readonly name: string;
  /** What `Ref` of the secret resolves to; GetSecretValue accepts it, like the name. */
  readonly arn: string;
}

export interface LocalSecretsEndpoint {
  readonly endpoint: string;
  readonly secrets: readonly LocalSecret[];
  /** Each secret's local value by logical id, as served (and kept in the secrets file). */
  readonly valuesByLogicalId: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

type Props = ResourceProperties<'AWS::SecretsManager::Secret'>;

const punctuation = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * Serves GetSecretValue for every AWS::SecretsManager::Secret of the template, and PutSecretValue
 * (SecretString only) for the admin command that rotates the integration key. Written by hand
 * because no Secrets Manager emulator exists on npm and these two calls of the JSON 1.1 protocol
 * (`X-Amz-Target: secretsmanager.<operation>`) are all the pipeline makes.
 * Generated values are kept in `secretsFile` (mode 0600) so signed links stay valid across
 * restarts; a file that cannot be read is refused, never replaced by a new key that would break
 * every status link already sent. It serves the link-signing and integration keys, so only Host
 * 127.0.0.1 or localhost with its port (what the SDK sends), never a DNS-rebinding page.
 *
 * @example
 * const secrets = await serveSecrets(template, '.data/secrets.json');
 */
export async function serveSecrets(template: CfnTemplate, secretsFile: string): Promise<LocalSecretsEndpoint> {
  const stored = await readStoredValues(secretsFile);
  const before = JSON.stringify(stored);
  const secrets = readResources(template, 'AWS::SecretsManager::Secret').map(([logicalId, props]) => {
    const name = props.Name ?? logicalId;
    stored[logicalId] ??= initialSecretString(props);
    // Real secret ARNs end in a dash and six random characters; SDKs do not care about them.
    return { logicalId, name, arn: `arn:aws:secretsmanager:${localRegion}:${localAccountId}:secret:${name}-local0`, value: stored[logicalId] };
  });
  if (JSON.stringify(stored) !== before) await writePrivateFile(secretsFile, `${JSON.stringify(stored, null, 2)}\n`);
  // A file written by an earlier version may be readable by everyone.
  else if (Object.keys(stored).length > 0) await chmod(secretsFile, 0o600);

  const put = async (secret: LocalSecret & { value: string }, value: string) => {
    secret.value = value;
    stored[secret.logicalId] = value;
    await writePrivateFile(secretsFile, `${JSON.stringify(stored, null, 2)}\n`);
  };
  const server = createServer((request, response) => {
    void answer(request, response, (secretId) => secrets.find((secret) => secret.arn === secretId || secret.name === secretId), put);
  });
  serveLoopbackHostsOnly(server, { serverName: 'The local Secrets Manager' });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    secrets: secrets.map(({ logicalId, name, arn }) => ({ logicalId, name, arn })),
    get valuesByLogicalId() {
      return Object.fromEntries(secrets.map(({ logicalId, value }) => [logicalId, value]));
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function answer(
  request: IncomingMessage,
  response: ServerResponse,
  findSecret: (secretId: string) => (LocalSecret & { value: string }) | undefined,
  put: (secret: LocalSecret & { value: string }, value: string) => Promise<void>,
): Promise<void> {
  const reply = (status: number, body: unknown): void => {
    response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(body));
  };
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const operation = request.headers['x-amz-target'];
  if (operation !== 'secretsmanager.GetSecretValue' && operation !== 'secretsmanager.PutSecretValue') {
    return reply(400, { __type: 'UnsupportedOperation', message: `Only GetSecretValue and PutSecretValue are served locally, not ${operation}` });
  }
  let body: { SecretId?: unknown; SecretString?: unknown };
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
  } catch {
    return reply(400, { __type: 'InvalidRequestException', message: 'The request body is not JSON' });
  }
  const secret = typeof body.SecretId === 'string' ? findSecret(body.SecretId) : undefined;
  if (secret === undefined) {
    return reply(400, { __type: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." });
  }
  if (operation === 'secretsmanager.PutSecretValue') {
    if (typeof body.SecretString !== 'string' || body.SecretString === '') {
      return reply(400, { __type: 'InvalidParameterException', message: 'Only a non-empty SecretString is stored locally.' });
    }
    await put(secret, body.SecretString);
    return reply(200, { ARN: secret.arn, Name: secret.name, VersionId: `local-${Date.now()}`, VersionStages: ['AWSCURRENT'] });
  }
  reply(200, {
    ARN: secret.arn,
    Name: secret.name,
    SecretString: secret.value,
    VersionId: 'local-version',
    VersionStages: ['AWSCURRENT'],
    CreatedDate: 0,
  });
}

/** SecretString as given, or generated like GenerateSecretString (length, excluded characters, JSON template). */
function initialSecretString(props: Props): string {
  if (props.SecretString !== undefined) return props.SecretString;
  const options = props.GenerateSecretString ?? {};
  const excluded = new Set<string>(options.ExcludeCharacters ?? '');
  let alphabet = letters + (options.ExcludeNumbers ? '' : '0123456789') + (options.ExcludePunctuation ? '' : punctuation);
  if (options.IncludeSpace) alphabet += ' ';
  alphabet = [...alphabet].filter((character) => !excluded.has(character)).join('');
  const length = options.PasswordLength ?? 32;
  const password = Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
  if (options.SecretStringTemplate === undefined) return password;
  return JSON.stringify({ ...JSON.parse(options.SecretStringTemplate), [options.GenerateStringKey ?? 'password']: password });
}

class SecretsFileError extends PrerequisiteError {
  constructor(secretsFile: string, reason: string, options?: ErrorOptions) {
    super(
      'SECRETS_FILE_UNREADABLE',
      `${secretsFile} ${reason}; restore it (it holds the key that signs status links), or delete it to make a new key that breaks every link already sent.`,
      options,
    );
    this.name = 'SecretsFileError';
  }
}

async function readStoredValues(secretsFile: string): Promise<Record<string, string>> {
  const values = await readPrivateJsonFile(secretsFile, (reason, options) => new SecretsFileError(secretsFile, reason, options));
  if (values === undefined) return {};
  const isRecordOfStrings =
    typeof values === 'object' && values !== null && !Array.isArray(values) && Object.values(values).every((value) => typeof value === 'string');
  if (!isRecordOfStrings) throw new SecretsFileError(secretsFile, 'is not an object of secret values');
  return values as Record<string, string>;
}

/** `Ref` of a secret is its ARN, which the local endpoint accepts as SecretId. */
export function secretValues(secrets: readonly LocalSecret[]): LocalResourceValues {
  return { refs: new Map(secrets.map((secret) => [secret.logicalId, secret.arn])), attributes: new Map() };
}
