import { readFile, rm, writeFile } from 'node:fs/promises';
import { SendMessageBatchCommand, type SendMessageBatchRequestEntry, type SQSClient } from '@aws-sdk/client-sqs';
import type { FauxqsServer } from 'fauxqs';
import type { LocalQueue } from './provision-queues.ts';

interface SavedMessage {
  readonly body: string;
  readonly messageAttributes: Record<string, { DataType: string; StringValue?: string; BinaryValue?: string }>;
  readonly messageGroupId?: string;
  readonly messageDeduplicationId?: string;
}

/**
 * Writes every message still in a queue (ready, delayed or in flight, dead-letter queues
 * included) to `snapshotFile`, keyed by the queue's logical id. fauxqs keeps queues in memory, so
 * this is what keeps accepted input across a restart.
 *
 * @example
 * await saveQueueMessages(fauxqs, queues, '.data/queues.json');
 */
export async function saveQueueMessages(fauxqs: FauxqsServer, queues: readonly LocalQueue[], snapshotFile: string): Promise<number> {
  const snapshot: Record<string, SavedMessage[]> = {};
  let count = 0;
  for (const queue of queues) {
    const state = fauxqs.inspectQueue(queue.name);
    if (state === undefined) continue;
    const messages = [...state.messages.ready, ...state.messages.delayed, ...state.messages.inflight.map((entry) => entry.message)];
    if (messages.length === 0) continue;
    snapshot[queue.logicalId] = messages.map((message) => ({
      body: message.body,
      messageAttributes: message.messageAttributes,
      ...(message.messageGroupId === undefined ? {} : { messageGroupId: message.messageGroupId }),
      ...(message.messageDeduplicationId === undefined ? {} : { messageDeduplicationId: message.messageDeduplicationId }),
    }));
    count += messages.length;
  }
  await writeFile(snapshotFile, `${JSON.stringify(snapshot)}\n`);
  return count;
}

/**
 * Sends the messages saved by the previous run back to their queues (receive counts restart at
 * zero), then removes the snapshot so they are not sent twice.
 */
export async function restoreQueueMessages(sqs: SQSClient, queues: readonly LocalQueue[], snapshotFile: string): Promise<number> {
  let snapshot: Record<string, SavedMessage[]>;
  try {
    snapshot = JSON.parse(await readFile(snapshotFile, 'utf8')) as Record<string, SavedMessage[]>;
  } catch {
    return 0;
  }
  let count = 0;
  for (const [logicalId, messages] of Object.entries(snapshot)) {
    const queue = queues.find((candidate) => candidate.logicalId === logicalId);
    if (queue === undefined) continue;
    for (let start = 0; start < messages.length; start += 10) {
      const entries = messages.slice(start, start + 10).map((message, index) => toEntry(message, index));
      await sqs.send(new SendMessageBatchCommand({ QueueUrl: queue.url, Entries: entries }));
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
