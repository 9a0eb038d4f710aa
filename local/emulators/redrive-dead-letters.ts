import { DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';

export interface RedriveResult {
  readonly deadLetterQueue: string;
  readonly sourceQueue: string;
  readonly moved: number;
  /**
   * Each moved message's id in the dead-letter queue (the id it had when it first failed: SQS keeps
   * it when redriving to a DLQ, and consumers log it) and its new id in the source queue.
   */
  readonly moves: readonly { readonly originalMessageId: string; readonly messageId: string }[];
}

/**
 * Moves every message from each dead-letter queue back to the queue that feeds it, found from
 * the source queues' RedrivePolicy. Written by hand because fauxqs lacks StartMessageMoveTask;
 * on AWS prefer `aws sqs start-message-move-task --source-arn <dead-letter queue ARN>`. Each
 * message is sent before it is deleted, so a crash midway can duplicate but never lose one, and
 * the consumers are idempotent.
 *
 * @example
 * await redriveDeadLetters(sqs, Object.values(local.queues));
 */
export async function redriveDeadLetters(sqs: SQSClient, queues: readonly { readonly url: string; readonly arn: string }[]): Promise<RedriveResult[]> {
  const results: RedriveResult[] = [];
  for (const source of queues) {
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: source.url, AttributeNames: ['RedrivePolicy'] }));
    if (!Attributes?.RedrivePolicy) continue;
    const { deadLetterTargetArn } = JSON.parse(Attributes.RedrivePolicy) as { deadLetterTargetArn: string };
    const deadLetters = queues.find((queue) => queue.arn === deadLetterTargetArn);
    if (deadLetters === undefined) throw new Error(`The dead-letter queue ${deadLetterTargetArn} of ${source.url} is not among the queues`);
    const moves = await moveAll(sqs, deadLetters.url, source.url);
    results.push({ deadLetterQueue: deadLetters.url, sourceQueue: source.url, moved: moves.length, moves });
  }
  return results;
}

async function moveAll(sqs: SQSClient, from: string, to: string): Promise<RedriveResult['moves'][number][]> {
  const moves: RedriveResult['moves'][number][] = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: from, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageAttributeNames: ['All'], VisibilityTimeout: 60 }),
    );
    if (Messages.length === 0) return moves;
    const entries = Messages.map((message, index) => ({ id: String(index), message }));
    const sent = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: to,
        Entries: entries.map(({ id, message }) => ({ Id: id, MessageBody: message.Body!, MessageAttributes: message.MessageAttributes })),
      }),
    );
    if (sent.Failed?.length) throw new Error(`Could not move ${sent.Failed.length} messages to ${to}: ${sent.Failed[0]!.Message}`);
    await sqs.send(
      new DeleteMessageBatchCommand({ QueueUrl: from, Entries: entries.map(({ id, message }) => ({ Id: id, ReceiptHandle: message.ReceiptHandle! })) }),
    );
    for (const { id, message } of entries) {
      const messageId = sent.Successful?.find((entry) => entry.Id === id)?.MessageId ?? '';
      moves.push({ originalMessageId: message.MessageId!, messageId });
    }
  }
}
