import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { AuthKeyFileError, readAuthKey } from '../auth/auth-key-file.ts';
import { demoDirectory } from '../auth/demo-directory.ts';
import { mintSupervisorToken, TokenLifetimeError } from '../auth/mint-supervisor-token.ts';
import { localDataDir } from './local-data-dir.ts';

// `npm run token -- <userId> [--ttl 8h]`: prints a supervisor token for a demo user, signed with
// the running pipeline's key (the data dir's auth-keys.json) and naming its issuer (local.json).
const usage = `Usage: npm run token -- <userId> [--ttl 8h]   (userId: ${demoDirectory.map((user) => user.userId).join(', ')})`;
const fail = (message: string): never => {
  console.error(message);
  process.exit(1);
};

const commandLine = (): { userId: string | undefined; ttl: string; extra: number } => {
  try {
    const { values, positionals } = parseArgs({ options: { ttl: { type: 'string', default: '12h' } }, allowPositionals: true });
    return { userId: positionals[0], ttl: values.ttl, extra: positionals.length - 1 };
  } catch (error) {
    return fail(`${(error as Error).message}\n${usage}`);
  }
};
const { userId, ttl, extra } = commandLine();
if (userId === undefined || extra > 0) fail(usage);
const user = demoDirectory.find((candidate) => candidate.userId === userId) ?? fail(`No demo user ${userId}.\n${usage}`);

const dataDir = localDataDir(process.env);
const connectionFile = `${dataDir}local.json`;
const issuer = await readFile(connectionFile, 'utf8').then(
  (text) => (JSON.parse(text) as { authIssuerUrl?: unknown }).authIssuerUrl,
  () => undefined,
);
if (typeof issuer !== 'string')
  fail(`No running local pipeline with a token issuer: ${connectionFile} is missing or names no authIssuerUrl. Start one with \`npm start\`.`);

try {
  const key = await readAuthKey(`${dataDir}auth-keys.json`);
  console.log(await mintSupervisorToken(key, issuer as string, user, { ttl }));
} catch (error) {
  if (error instanceof AuthKeyFileError || error instanceof TokenLifetimeError) fail(error.message);
  throw error;
}
