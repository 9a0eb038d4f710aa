import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { MessageQueue } from '../core/ports.ts';

/**
 * Sends JSON messages to one SQS queue.
 *
 * @example
 * ```ts
 * const queue = new SqsMessageQueue(new SQSClient({}), process.env.COMPLAINT_QUEUE_URL!);
 * await queue.send({ type: 'complaint.accepted', … });
 * ```
 */
export class SqsMessageQueue<Message> implements MessageQueue<Message> {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(message: Message): Promise<void> {
    await this.client.send(new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: JSON.stringify(message) }));
  }
}
