import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { toAsciiJson } from './sqs-message-queue.ts';

// SendMessageBatch takes at most ten entries (and 256 KiB) per call.
const SQS_BATCH_LIMIT = 10;

/**
 * Sends JSON messages to one SQS queue ten at a time with SendMessageBatch, a tenth of the
 * requests of one SendMessage each. A batch call can succeed while some entries fail: those are
 * answered, not retried, so the caller decides (the dispatcher leaves them for its next run).
 *
 * @example
 * ```ts
 * const queue = new SqsMessageBatchQueue(new SQSClient({}), config.NOTIFICATION_QUEUE_URL);
 * const { refused } = await queue.sendBatch(messages);
 * ```
 */
export class SqsMessageBatchQueue<Message> {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async sendBatch(messages: readonly Message[]): Promise<{ readonly refused: readonly Message[] }> {
    const batches: Message[][] = [];
    for (let start = 0; start < messages.length; start += SQS_BATCH_LIMIT) batches.push(messages.slice(start, start + SQS_BATCH_LIMIT));
    const results = await Promise.all(
      batches.map((batch) =>
        this.client.send(
          new SendMessageBatchCommand({
            QueueUrl: this.queueUrl,
            Entries: batch.map((message, index) => ({ Id: String(index), MessageBody: toAsciiJson(message) })),
          }),
        ),
      ),
    );
    // Each entry's Id is its index in its batch.
    return { refused: results.flatMap((result, batch) => (result.Failed ?? []).map((failure) => batches[batch]![Number(failure.Id)]!)) };
  }
}
