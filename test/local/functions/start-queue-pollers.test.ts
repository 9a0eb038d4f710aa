import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { FauxqsServer } from 'fauxqs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../../local/emulators/local-aws.ts';
import { provisionQueues } from '../../../local/emulators/provision-queues.ts';
import { startSqs } from '../../../local/emulators/start-sqs.ts';
import { startQueuePollers, type QueuePollers } from '../../../local/functions/start-queue-pollers.ts';
import type { CfnTemplate } from '../../../local/template/cloudformation-template.ts';

// Two queues, each driving one function a message at a time: one mapping with a maximum
// concurrency of 3, the other without one.
const template = {
  Resources: {
    Paced: { Type: 'AWS::SQS::Queue', Properties: {} },
    Open: { Type: 'AWS::SQS::Queue', Properties: {} },
    PacedMapping: {
      Type: 'AWS::Lambda::EventSourceMapping',
      Properties: {
        EventSourceArn: { 'Fn::GetAtt': ['Paced', 'Arn'] },
        FunctionName: 'paced-fn',
        BatchSize: 1,
        ScalingConfig: { MaximumConcurrency: 3 },
      },
    },
    OpenMapping: {
      Type: 'AWS::Lambda::EventSourceMapping',
      Properties: { EventSourceArn: { 'Fn::GetAtt': ['Open', 'Arn'] }, FunctionName: 'open-fn', BatchSize: 1 },
    },
  },
} as unknown as CfnTemplate;

let dataDir: string;
let fauxqs: FauxqsServer;
let sqs: SQSClient;
let pollers: QueuePollers | undefined;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'queue-pollers-'));
  fauxqs = await startSqs(dataDir);
  sqs = new SQSClient(localClientConfig(fauxqs.address));
});
afterEach(async () => {
  await pollers?.stop();
  pollers = undefined;
  sqs.destroy();
  await fauxqs.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/**
 * Sends `count` messages to each queue and drives both mappings with a function that takes
 * `workMs` per message; answers the most invocations each function ran at once.
 */
const mostAtOnce = async (count: number, workMs: number) => {
  const queues = await provisionQueues(fauxqs, sqs, template);
  const values = { refs: new Map<string, string>(), attributes: new Map(queues.map((queue) => [`${queue.logicalId}.Arn`, queue.arn])) };
  const running = new Map<string, number>();
  const most = new Map<string, number>();
  let handled = 0;
  let allHandled: () => void;
  const done = new Promise<void>((resolve) => {
    allHandled = resolve;
  });
  pollers = startQueuePollers({
    template,
    values,
    queues,
    sqs,
    log: () => undefined,
    invoke: async (functionName) => {
      running.set(functionName, (running.get(functionName) ?? 0) + 1);
      most.set(functionName, Math.max(most.get(functionName) ?? 0, running.get(functionName)!));
      await new Promise((resolve) => setTimeout(resolve, workMs));
      running.set(functionName, running.get(functionName)! - 1);
      if (++handled === 2 * count) allHandled();
      return {};
    },
  });
  for (const queue of queues) {
    for (let start = 0; start < count; start += 10) {
      const entries = Array.from({ length: Math.min(10, count - start) }, (_, index) => ({ Id: String(index), MessageBody: `${start + index}` }));
      await sqs.send(new SendMessageBatchCommand({ QueueUrl: queue.url, Entries: entries }));
    }
  }
  await done;
  return { mappings: pollers.mappings, most };
};

describe('startQueuePollers', () => {
  it("runs as many invocations at once as a mapping's MaximumConcurrency, and two without one", async () => {
    const { mappings, most } = await mostAtOnce(24, 100);

    expect(Object.fromEntries(mappings.map((mapping) => [mapping.functionName, mapping.concurrency]))).toEqual({ 'paced-fn': 3, 'open-fn': 2 });
    expect(most.get('paced-fn')).toBe(3);
    expect(most.get('open-fn')).toBe(2);
  });
});
