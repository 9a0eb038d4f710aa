import { readFile } from 'node:fs/promises';
import { demoUserToken, type LocalPoolConnection } from '../auth/demo-accounts.ts';
import { localDataDir } from './local-data-dir.ts';

// `npm run token -- <userId>`: signs a demo user in through the running pipeline's user pool, as
// the console does, and prints their ID token (valid an hour, as Cognito's; run it again for another).
const fail = (message: string): never => {
  console.error(message);
  process.exit(1);
};

const args = process.argv.slice(2);
const connectionFile = `${localDataDir(process.env)}local.json`;
const connection = await readFile(connectionFile, 'utf8').then(
  (text) => JSON.parse(text) as Partial<LocalPoolConnection>,
  () => undefined,
);
if (connection?.userPool === undefined || connection.demoUsers === undefined)
  fail(`No running local pipeline with a user pool: ${connectionFile} is missing or names none. Start one with \`npm start\`.`);
const { userPool, demoUsers } = connection as LocalPoolConnection;
const usage = `Usage: npm run token -- <userId>   (userId: ${demoUsers.map((user) => user.userId).join(', ')})`;
if (args.length !== 1 || args[0]?.startsWith('-')) fail(usage);

try {
  console.log(await demoUserToken({ userPool, demoUsers }, args[0]!));
} catch (error) {
  fail(`${(error as Error).message}\n${usage}`);
}
