import { readFile } from 'node:fs/promises';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { localClientConfig } from '../emulators/local-aws.ts';
import { localDataDir } from './local-data-dir.ts';
import { seedSupervisorDirectory } from './seed-supervisor-directory.ts';
import { type AdminTarget, runUserCommand, USER_COMMANDS } from './admin-user-commands.ts';
import { rotateIntegrationKey } from './rotate-integration-key.ts';
import { backfillSurveyRetention } from './backfill-survey-retention.ts';
import { eraseCustomer, erasureSummary } from './erase-customer.ts';
import { writePrivateFile } from '../start-up/write-private-file.ts';

// `npm run admin -- <command>`: the administrator's commands, the same against AWS (with `--table`
// and `--pool`, the stack's TableName and SupervisorUserPoolId outputs, and the usual credentials
// and region) and against the running local pipeline (without them, from .data/local.json).
const usage = [
  'Usage: npm run admin -- <command> [--table <TableName>] [--pool <SupervisorUserPoolId>]',
  '  seed-directory [--file <directory.json>]        load the seed supervisor directory into a table that has none',
  '  create-user <user> --email <address> --name <full name> --role supervisor|lead|admin [--team <team>] [--away]',
  '                                                  an account (Cognito emails a temporary password) in the directory',
  '                                                  (--away: out of the round-robin until set-away off)',
  '  set-team <user> <team>                          move a supervisor to another team',
  '  set-groups <user> <group>...                    the user\u2019s groups: supervisor, lead, admin',
  '  set-away <user> on|off                          round-robin skips someone away',
  '  disable-user <user> | enable-user <user>        a disabled user cannot sign in or refresh, and is marked away',
  '  rotate-integration-key [--secret <IntegrationKeySecretArn>] [--retire-previous]',
  '                                                  a new key for the support system, the old one valid until --retire-previous',
  '  backfill-survey-retention [--retention-days <days>]',
  '                                                  give survey items written before retention their TTL (default 730 days)',
  '  erase-customer <id|email>                       remove a customer\u2019s email, name and comments from every item, keeping',
  '                                                  scores and counts; records what it changed (no personal data)',
].join('\n');

const fail = (message: string, code = 1): never => {
  console.error(message);
  process.exit(code);
};

const parsed = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        table: { type: 'string' },
        pool: { type: 'string' },
        file: { type: 'string' },
        email: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        team: { type: 'string' },
        away: { type: 'boolean' },
        secret: { type: 'string' },
        'retire-previous': { type: 'boolean' },
        'retention-days': { type: 'string' },
      },
    });
  } catch (error) {
    return fail(`${(error as Error).message}\n${usage}`, 2);
  }
})();
const [command, ...operands] = parsed.positionals;
/** The running local pipeline's connection file, which the commands without AWS flags act on. */
const connectionFile = `${localDataDir(process.env)}local.json`;
if (command === 'rotate-integration-key') await rotateKeyCommand();
/** The commands that need only a table (`--table` on AWS). */
const TABLE_COMMANDS = new Set(['seed-directory', 'backfill-survey-retention', 'erase-customer']);
if (command === undefined || (!TABLE_COMMANDS.has(command) && !USER_COMMANDS.has(command))) fail(usage, 2);

/** `rotate-integration-key`: on AWS with --secret (the IntegrationKeySecretArn output), else on the running local pipeline. */
async function rotateKeyCommand(): Promise<never> {
  if (operands.length > 0) fail(usage, 2);
  const step = parsed.values['retire-previous'] ? 'retire' : 'begin';
  const local =
    parsed.values.secret === undefined
      ? await readFile(connectionFile, 'utf8').then(
          (text) => JSON.parse(text) as Record<string, unknown> & { secretsEndpoint: string; integrationKeySecretArn?: string },
          () => fail(`No --secret, and no running local pipeline: ${connectionFile} is missing. Start one with \`npm start\`, or name the deployed secret.`),
        )
      : undefined;
  const secretId = parsed.values.secret ?? local?.integrationKeySecretArn ?? fail('The local pipeline has no integration key.');
  const client = new SecretsManagerClient(local === undefined ? {} : localClientConfig(local.secretsEndpoint));
  try {
    const keys = await rotateIntegrationKey(client, secretId, step);
    if (local !== undefined) {
      // Local commands (npm run demo, invoke) read the key from local.json.
      await writePrivateFile(connectionFile, `${JSON.stringify({ ...local, integrationKey: keys.current }, null, 2)}\n`);
    }
    console.log(
      step === 'begin'
        ? [
            'The new integration key (the previous one stays valid until you retire it):',
            keys.current,
            `Give it to the support system, then: npm run admin -- rotate-integration-key --retire-previous${parsed.values.secret === undefined ? '' : ` --secret ${parsed.values.secret}`}`,
          ].join('\n')
        : 'Only the current integration key is accepted now; the previous one stops working within 10 minutes (the authorizer\u2019s and API Gateway\u2019s caches).',
    );
  } catch (error) {
    fail((error as Error).message);
  } finally {
    client.destroy();
  }
  process.exit(0);
}

/** AWS with --table/--pool, else the running local pipeline's emulators. */
async function target(): Promise<AdminTarget> {
  const { table, pool } = parsed.values;
  if (table !== undefined && (pool !== undefined || TABLE_COMMANDS.has(command!))) {
    return { dynamodb: new DynamoDBClient({}), tableName: table, cognito: new CognitoIdentityProviderClient({}), poolId: pool ?? '' };
  }
  if (table !== undefined || pool !== undefined) return fail(`${command} on AWS needs both --table <TableName> and --pool <SupervisorUserPoolId>.`, 2);
  const connection = await readFile(connectionFile, 'utf8').then(
    (text) => JSON.parse(text) as { dynamodbEndpoint: string; tableName: string; userPool: { endpoint: string; poolId: string } },
    () => undefined,
  );
  if (connection === undefined) {
    return fail(`No --table, and no running local pipeline: ${connectionFile} is missing. Start one with \`npm start\`, or name the deployed table and pool.`);
  }
  return {
    dynamodb: new DynamoDBClient(localClientConfig(connection.dynamodbEndpoint)),
    tableName: connection.tableName,
    cognito: new CognitoIdentityProviderClient(localClientConfig(connection.userPool.endpoint)),
    poolId: connection.userPool.poolId,
  };
}

const found = await target();
try {
  if (command === 'seed-directory') {
    if (operands.length > 0) fail(usage, 2);
    const outcome = await seedSupervisorDirectory(
      found.dynamodb,
      found.tableName,
      parsed.values.file === undefined ? {} : { directoryFile: parsed.values.file },
    );
    console.log(
      outcome === 'seeded'
        ? `Seeded the supervisor directory of ${found.tableName}.`
        : `${found.tableName} has a supervisor directory already; it is left as it is.`,
    );
  } else if (command === 'backfill-survey-retention') {
    const days = Number(parsed.values['retention-days'] ?? 730);
    if (operands.length > 0 || !Number.isInteger(days) || days < 1 || days > 3650) fail(`--retention-days is whole days, 1 to 3650.\n${usage}`, 2);
    const done = await backfillSurveyRetention(found.dynamodb, found.tableName, days);
    console.log(
      `${done.invitations} invitations and case pointers and ${done.responses} responses of ${found.tableName} now expire ${days} days after their link.` +
        (done.responsesLeft > 0 ? ` ${done.responsesLeft} responses without an invitation that expires are left as they are.` : ''),
    );
  } else if (command === 'erase-customer') {
    if (operands.length !== 1) fail(`erase-customer takes one customer id or email address.\n${usage}`, 2);
    const outcome = await eraseCustomer(found.dynamodb, found.tableName, operands[0], new Date());
    // The operand is not repeated: it is the personal data being erased.
    if (outcome.kind === 'not_a_customer') fail(`erase-customer takes a customer id or an email address, without spaces.\n${usage}`, 2);
    else if (outcome.kind === 'unknown_customer') fail(`No customer with that id or address in ${found.tableName}: nothing was erased.`);
    else if (outcome.kind === 'erased_before') console.log(`Nothing left to erase: erased at ${outcome.erasedAt}, and nothing of theirs is stored since.`);
    else console.log(erasureSummary(outcome.customers, outcome.plan));
  } else {
    // Who changed the directory, for its audit entries: the person at this terminal.
    const by = `admin-cli:${userInfo().username}`;
    const outcome = await runUserCommand(found, { command: command!, operands, options: parsed.values, by, now: new Date() });
    if (outcome.kind === 'usage') fail(`${outcome.message}\n${usage}`, 2);
    else if (outcome.kind === 'refused') fail(outcome.message);
    else for (const line of outcome.lines) console.log(line);
  }
} finally {
  found.dynamodb.destroy();
  found.cognito.destroy();
}
