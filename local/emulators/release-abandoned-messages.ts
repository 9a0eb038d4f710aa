import { ChangeMessageVisibilityBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { FauxqsServer } from 'fauxqs';
import type { LocalQueue } from './provision-queues.ts';

/**
 * Makes visible again, one second from now, every message that fauxqs restored as in flight: the
 * consumers of the run that received them are gone (it was killed or stopped mid-batch), so
 * waiting out the visibility timeout (six times the consumer's timeout, minutes) helps nobody.
 * Their receive counts are kept, so a message that keeps failing still reaches its dead-letter
 * queue after maxReceiveCount receives. Returns how many were released.
 *
 * One second rather than zero: fauxqs 2.4 with a data folder loses a message from memory on
 * ChangeMessageVisibility 0 (its write-through stores a NULL receive count, which SQLite refuses).
 *
 * @example
 * const released = await releaseAbandonedMessages(fauxqs, sqs, queues);
 */
export async function releaseAbandonedMessages(fauxqs: FauxqsServer, sqs: SQSClient, queues: readonly LocalQueue[]): Promise<number> {
  let released = 0;
  for (const queue of queues) {
    const inflight = fauxqs.inspectQueue(queue.name)?.messages.inflight ?? [];
    for (let start = 0; start < inflight.length; start += 10) {
      const entries = inflight.slice(start, start + 10).map(({ receiptHandle }, index) => ({
        Id: String(index),
        ReceiptHandle: receiptHandle,
        VisibilityTimeout: 1,
      }));
      const { Failed = [] } = await sqs.send(new ChangeMessageVisibilityBatchCommand({ QueueUrl: queue.url, Entries: entries }));
      // A message whose visibility ran out meanwhile is visible anyway; anything else is a fault.
      const faults = Failed.filter((failure) => failure.Code !== 'MessageNotInflight');
      if (faults.length > 0) throw new Error(`Could not release ${faults.length} in-flight messages of ${queue.name}: ${faults[0]!.Message}`);
      released += entries.length - Failed.length;
    }
  }
  return released;
}
