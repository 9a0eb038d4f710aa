import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { localClientConfig } from '../emulators/local-aws.ts';
import { localDataDir } from './local-data-dir.ts';
import { seedSupervisorDirectory } from './seed-supervisor-directory.ts';

// `npm run admin -- seed-directory [--table <TableName>] [--file <directory.json>]`: loads the seed
// supervisor directory into a table that has none. With `--table` (the stack's `TableName` output)
// it writes to AWS with the usual credentials and region; without, to the running local pipeline.
const usage = 'Usage: npm run admin -- seed-directory [--table <TableName>] [--file <directory.json>]';
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { table: { type: 'string' }, file: { type: 'string' } },
});
if (positionals[0] !== 'seed-directory' || positionals.length !== 1) {
  console.error(usage);
  process.exit(2);
}

const target = async (): Promise<{ client: DynamoDBClient; tableName: string } | undefined> => {
  if (values.table !== undefined) return { client: new DynamoDBClient({}), tableName: values.table };
  const connectionFile = `${localDataDir(process.env)}local.json`;
  const connection = await readFile(connectionFile, 'utf8').then(
    (text) => JSON.parse(text) as { dynamodbEndpoint: string; tableName: string },
    () => undefined,
  );
  if (connection === undefined) {
    console.error(`No --table, and no running local pipeline: ${connectionFile} is missing. Start one with \`npm start\`, or name the deployed table.`);
    return undefined;
  }
  return { client: new DynamoDBClient(localClientConfig(connection.dynamodbEndpoint)), tableName: connection.tableName };
};

const found = await target();
if (found === undefined) process.exit(1);
const outcome = await seedSupervisorDirectory(found.client, found.tableName, values.file === undefined ? {} : { directoryFile: values.file });
console.log(
  outcome === 'seeded'
    ? `Seeded the supervisor directory of ${found.tableName}.`
    : `${found.tableName} has a supervisor directory already; it is left as it is.`,
);
found.client.destroy();
