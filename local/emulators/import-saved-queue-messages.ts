import { readFile, rm } from 'node:fs/promises';
import { SendMessageBatchCommand, type SendMessageBatchRequestEntry, type SQSClient } from '@aws-sdk/client-sqs';
import { PrerequisiteError } from '../start-up/prerequisite-error.ts';
import type { LocalQueue } from './provision-queues.ts';

interface SavedMessage {
  readonly body: string;
  readonly messageAttributes: Record<string, { DataType: string; StringValue?: string; BinaryValue?: string }>;
  readonly messageGroupId?: string;
  readonly messageDeduplicationId?: string;
}

/**
 * Sends the messages that a version of the pipeline before write-through persistence saved to
 * `snapshotFile` (`.data/queues.json`, written at Ctrl-C) back to their queues, then removes the
 * file. Every message is sent before the file goes, so a kill midway sends some twice at worst,
 * and the consumers store each id once. A file that cannot be read is refused, never dropped.
 *
 * @example
 * const imported = await importSavedQueueMessages(sqs, queues, '.data/queues.json');
 */
export async function importSavedQueueMessages(sqs: SQSClient, queues: readonly LocalQueue[], snapshotFile: string): Promise<number> {
  const text = await readFile(snapshotFile, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new PrerequisiteError('SAVED_MESSAGES_UNREADABLE', `Cannot read the saved queue messages in ${snapshotFile}: ${error.message}.`, { cause: error });
  });
  if (text === undefined) return 0;
  let snapshot: Record<string, SavedMessage[]>;
  try {
    snapshot = JSON.parse(text) as Record<string, SavedMessage[]>;
  } catch (error) {
    throw new PrerequisiteError(
      'SAVED_MESSAGES_UNREADABLE',
      `${snapshotFile} (queued messages saved by an earlier version) is not valid JSON; repair it or move it away to start without them.`,
      { cause: error },
    );
  }
  let count = 0;
  for (const [logicalId, messages] of Object.entries(snapshot)) {
    const queue = queues.find((candidate) => candidate.logicalId === logicalId);
    if (queue === undefined)
      throw new PrerequisiteError('SAVED_MESSAGES_UNREADABLE', `${snapshotFile} holds messages for ${logicalId}, a queue the template no longer has.`);
    for (let start = 0; start < messages.length; start += 10) {
      const entries = messages.slice(start, start + 10).map((message, index) => toEntry(message, index));
      const { Failed = [] } = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queue.url, Entries: entries }));
      if (Failed.length > 0) throw new Error(`fauxqs refused ${Failed.length} saved messages for ${queue.name}: ${Failed[0]!.Message}`);
    }
    count += messages.length;
  }
  await rm(snapshotFile);
  return count;
}

function toEntry(message: SavedMessage, index: number): SendMessageBatchRequestEntry {
  const attributes = Object.fromEntries(
    Object.entries(message.messageAttributes).map(([name, attribute]) => [
      name,
      {
        DataType: attribute.DataType,
        ...(attribute.StringValue === undefined ? {} : { StringValue: attribute.StringValue }),
        ...(attribute.BinaryValue === undefined ? {} : { BinaryValue: Buffer.from(attribute.BinaryValue, 'base64') }),
      },
    ]),
  );
  return {
    Id: String(index),
    MessageBody: message.body,
    ...(Object.keys(attributes).length > 0 ? { MessageAttributes: attributes } : {}),
    ...(message.messageGroupId === undefined ? {} : { MessageGroupId: message.messageGroupId }),
    ...(message.messageDeduplicationId === undefined ? {} : { MessageDeduplicationId: message.messageDeduplicationId }),
  };
}
