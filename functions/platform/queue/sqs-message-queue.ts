import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { CORRELATION_ID_ATTRIBUTE, currentCorrelationId } from '../logging/correlation.ts';
import type { MessageQueue } from './message-queue.ts';

/**
 * Sends JSON messages to one SQS queue, each with the correlation id of the work sending it (the
 * `correlationId` message attribute), which the consumer logs and mails under.
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
    const correlationId = currentCorrelationId();
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: toAsciiJson(message),
        ...(correlationId === undefined ? {} : { MessageAttributes: { [CORRELATION_ID_ATTRIBUTE]: { DataType: 'String', StringValue: correlationId } } }),
      }),
    );
  }
}

/**
 * JSON with every non-ASCII character written as a `\uXXXX` escape. SQS accepts only part of
 * Unicode in a message body, and emulators draw the line differently (fauxqs refuses emoji);
 * escaped, any text the customer wrote travels and `JSON.parse` restores it exactly.
 */
export const toAsciiJson = (value: unknown): string =>
  JSON.stringify(value).replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
