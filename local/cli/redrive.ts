import { readFile } from 'node:fs/promises';
import { SQSClient } from '@aws-sdk/client-sqs';
import { localClientConfig } from '../emulators/local-aws.ts';
import { redriveDeadLetters } from '../emulators/redrive-dead-letters.ts';
import { localDataDir } from './local-data-dir.ts';

// `npm run redrive`: after fixing what made messages fail, move them from every dead-letter
// queue of the running local pipeline back to their source queues.
const connectionFile = `${localDataDir(process.env)}local.json`;
const connection = await readFile(connectionFile, 'utf8').then(
  (text) => JSON.parse(text) as { sqsEndpoint: string; queues: Record<string, { url: string; arn: string }> },
  () => undefined,
);
if (connection === undefined) {
  console.error(`No running local pipeline: ${connectionFile} is missing. Start one with \`npm start\`.`);
  process.exit(1);
}
const sqs = new SQSClient(localClientConfig(connection.sqsEndpoint));
for (const { deadLetterQueue, sourceQueue, moved, moves } of await redriveDeadLetters(sqs, Object.values(connection.queues))) {
  console.log(`${moved} message(s) moved from ${deadLetterQueue} to ${sourceQueue}`);
  // The consumer logs the new id from now on; this line ties it to the id the failures were logged under.
  for (const { originalMessageId, messageId } of moves) console.log(`  ${originalMessageId} -> ${messageId}`);
}
sqs.destroy();
