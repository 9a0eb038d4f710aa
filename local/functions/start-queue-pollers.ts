import { DeleteMessageBatchCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import { buildSqsEvent, messagesToDelete } from './build-sqs-event.ts';
import { readResources, type CfnTemplate } from '../template/cloudformation-template.ts';
import { localRegion } from '../emulators/local-aws.ts';
import type { LocalQueue } from '../emulators/provision-queues.ts';
import { resolveIntrinsics, type LocalResourceValues } from '../template/resolve-intrinsics.ts';
import { mappingFunctionName } from './mapping-function-name.ts';

export interface QueueMapping {
  readonly logicalId: string;
  readonly queue: LocalQueue;
  readonly functionName: string;
  readonly batchSize: number;
  readonly batchingWindowSeconds: number;
  readonly reportsBatchItemFailures: boolean;
  /** Invocations at once: ScalingConfig.MaximumConcurrency, else {@link defaultPollers}. */
  readonly concurrency: number;
}

export interface QueuePollers {
  readonly mappings: readonly QueueMapping[];
  /** Stops receiving and waits for the batches being processed. */
  stop(): Promise<void>;
}

/**
 * Pollers of a mapping without a maximum concurrency: Lambda starts with five and scales out; two
 * cores are better served with fewer.
 */
const defaultPollers = 2;

/**
 * Drives every enabled SQS AWS::Lambda::EventSourceMapping like Lambda: long-polls up to
 * BatchSize messages within MaximumBatchingWindowInSeconds, invokes the function, then deletes the
 * messages that succeeded. Failed messages reappear after the visibility timeout and fauxqs moves
 * them to the dead-letter queue after maxReceiveCount. A mapping's ScalingConfig
 * MaximumConcurrency is its number of pollers, each invoking one batch at a time, so no more
 * invocations run at once than on AWS (a paced consumer's rate shows locally as it will there).
 *
 * @example
 * const pollers = startQueuePollers({ template, values, queues, sqs, invoke, log });
 */
export function startQueuePollers(options: {
  readonly template: CfnTemplate;
  readonly values: LocalResourceValues;
  readonly queues: readonly LocalQueue[];
  readonly sqs: SQSClient;
  readonly invoke: (functionName: string, event: unknown) => Promise<unknown>;
  readonly log: (line: string) => void;
  /** Replaces every mapping's MaximumBatchingWindowInSeconds (tests). @default the template's */
  readonly batchingWindowSeconds?: number | undefined;
}): QueuePollers {
  const mappings = readQueueMappings(options);
  const abort = new AbortController();
  const loops = mappings.flatMap((mapping) => Array.from({ length: mapping.concurrency }, () => pollQueue(mapping, options, abort.signal)));
  return {
    mappings,
    stop: async () => {
      abort.abort();
      await Promise.all(loops);
    },
  };
}

/**
 * The template's enabled SQS event source mappings, each with its queue and function; a mapping
 * on anything but one of `queues` is logged and left out.
 *
 * @example
 * const mappings = readQueueMappings({ template, values, queues, log });
 */
export function readQueueMappings(options: {
  template: CfnTemplate;
  values: LocalResourceValues;
  queues: readonly LocalQueue[];
  log: (line: string) => void;
  batchingWindowSeconds?: number | undefined;
}): QueueMapping[] {
  return readResources(options.template, 'AWS::Lambda::EventSourceMapping').flatMap(([logicalId, props]) => {
    const sourceArn = String(resolveIntrinsics(props.EventSourceArn, options.values, `${logicalId} EventSourceArn`));
    const queue = options.queues.find((candidate) => candidate.arn === sourceArn);
    // A table's stream is the stream pollers' (start-stream-pollers.ts).
    if (queue === undefined && sourceArn.includes(':table/') && sourceArn.includes('/stream/')) return [];
    if (queue === undefined) {
      options.log(`${logicalId}: event source ${sourceArn} is not a queue; not driven locally`);
      return [];
    }
    if (props.Enabled === false) return [];
    return [
      {
        logicalId,
        queue,
        functionName: mappingFunctionName(props.FunctionName, options.values, logicalId),
        batchSize: props.BatchSize ?? 10,
        batchingWindowSeconds: options.batchingWindowSeconds ?? props.MaximumBatchingWindowInSeconds ?? 0,
        reportsBatchItemFailures: props.FunctionResponseTypes?.includes('ReportBatchItemFailures') ?? false,
        concurrency: props.ScalingConfig?.MaximumConcurrency ?? defaultPollers,
      },
    ];
  });
}

async function pollQueue(
  mapping: QueueMapping,
  options: { sqs: SQSClient; invoke: (functionName: string, event: unknown) => Promise<unknown>; log: (line: string) => void },
  signal: AbortSignal,
): Promise<void> {
  while (!signal.aborted) {
    try {
      const messages = await receiveBatch(mapping, options.sqs, signal);
      if (messages.length === 0) continue;
      const event = buildSqsEvent(messages, mapping.queue.arn, localRegion);
      const result = await options.invoke(mapping.functionName, event).catch((error: Error) => {
        options.log(`${mapping.functionName}: batch of ${messages.length} from ${mapping.queue.name} failed: ${error.message}`);
        return invocationFailed;
      });
      if (result === invocationFailed) continue;
      await deleteMessages(options.sqs, mapping.queue.url, messagesToDelete(messages, result, mapping.reportsBatchItemFailures));
    } catch (error) {
      if (signal.aborted) return;
      options.log(`${mapping.logicalId}: polling ${mapping.queue.name} failed: ${(error as Error).message}`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

const invocationFailed = Symbol('invocation failed');

// The first receive waits up to 20 s for anything; then the batching window fills the batch.
async function receiveBatch(mapping: QueueMapping, sqs: SQSClient, signal: AbortSignal): Promise<Message[]> {
  const messages: Message[] = [];
  const windowEnds = () => firstAt + mapping.batchingWindowSeconds * 1000;
  let firstAt = 0;
  do {
    const waitSeconds = messages.length === 0 ? 20 : Math.max(0, Math.ceil((windowEnds() - Date.now()) / 1000));
    const received = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: mapping.queue.url,
        MaxNumberOfMessages: Math.min(10, mapping.batchSize - messages.length),
        WaitTimeSeconds: waitSeconds,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
      { abortSignal: signal },
    );
    if (messages.length === 0) firstAt = Date.now();
    messages.push(...(received.Messages ?? []));
  } while (messages.length > 0 && messages.length < mapping.batchSize && Date.now() < windowEnds() && !signal.aborted);
  return messages;
}

async function deleteMessages(sqs: SQSClient, queueUrl: string, messages: readonly Message[]): Promise<void> {
  for (let start = 0; start < messages.length; start += 10) {
    const entries = messages.slice(start, start + 10).map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle }));
    await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
  }
}
