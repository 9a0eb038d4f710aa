import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { toAsciiJson } from './sqs-message-queue.ts';

/** SendMessageBatch takes at most 10 entries (SQS quota). */
const BATCH = 10;

/** A refused entry of SendMessageBatch: SQS answers 200 and lists the failures per entry. */
class BatchSendFailedError extends Error {
  override readonly name = 'BatchSendFailedError';
  readonly code = 'batch_send_failed';
}

/**
 * Sends many messages to one queue, 10 per SendMessageBatch call, sequentially (a campaign's few
 * dozen calls take well under a second). SQS reports refused entries in `Failed` rather than
 * throwing, so those are retried once and then thrown: the caller's retry resends all, and the
 * consumers are idempotent.
 *
 * @example
 * ```ts
 * await new SqsBatchSender(new SQSClient({}), config.CAMPAIGN_QUEUE_URL).sendAll(chunks); // { batches: 3 }
 * ```
 */
export class SqsBatchSender<Message> {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async sendAll(messages: readonly Message[]): Promise<{ batches: number }> {
    let batches = 0;
    for (let start = 0; start < messages.length; start += BATCH) {
      let entries = messages.slice(start, start + BATCH).map((message, offset) => ({ Id: String(start + offset), MessageBody: toAsciiJson(message) }));
      for (let attempt = 1; entries.length > 0; attempt++) {
        batches++;
        const { Failed } = await this.client.send(new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: entries }));
        const failedIds = new Set((Failed ?? []).map((failure) => failure.Id));
        if (failedIds.size > 0 && attempt >= 2) {
          throw new BatchSendFailedError(`SQS refused ${failedIds.size} of ${entries.length} messages (${Failed?.[0]?.Code ?? 'unknown'})`);
        }
        entries = entries.filter((entry) => failedIds.has(entry.Id));
      }
    }
    return { batches };
  }
}
