import { connect } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { FauxqsServer } from 'fauxqs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../../local/emulators/local-aws.ts';
import { provisionQueues } from '../../../local/emulators/provision-queues.ts';
import { releaseAbandonedMessages } from '../../../local/emulators/release-abandoned-messages.ts';
import { startSqs } from '../../../local/emulators/start-sqs.ts';
import type { CfnTemplate } from '../../../local/template/cloudformation-template.ts';
import { foreignHosts, sendWithHeaders } from '../../helpers/send-with-headers.ts';

// A queue that redrives to its dead-letter queue after two receives, as the template declares it.
const template = {
  Resources: {
    WorkDlq: { Type: 'AWS::SQS::Queue', Properties: {} },
    Work: {
      Type: 'AWS::SQS::Queue',
      Properties: { VisibilityTimeout: 600, RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['WorkDlq', 'Arn'] }, maxReceiveCount: 2 } },
    },
  },
} as unknown as CfnTemplate;

let dataDir: string;
const opened: { fauxqs: FauxqsServer; sqs: SQSClient }[] = [];
const open = async () => {
  const fauxqs = await startSqs(dataDir);
  const sqs = new SQSClient(localClientConfig(fauxqs.address));
  opened.push({ fauxqs, sqs });
  const queues = await provisionQueues(fauxqs, sqs, template);
  const url = (logicalId: string) => queues.find((queue) => queue.logicalId === logicalId)!.url;
  return { fauxqs, sqs, queues, url };
};
const depth = async (sqs: SQSClient, url: string) => {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
  );
  return { visible: Number(Attributes?.ApproximateNumberOfMessages), inFlight: Number(Attributes?.ApproximateNumberOfMessagesNotVisible) };
};

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'start-sqs-'));
});
afterEach(async () => {
  for (const { fauxqs, sqs } of opened.splice(0)) {
    sqs.destroy();
    await fauxqs.stop();
  }
  await rm(dataDir, { recursive: true, force: true });
});

describe('startSqs', () => {
  it('keeps every accepted message, dead letters and receive counts included, without a graceful stop', async () => {
    // Prepare: one message dead-lettered after two receives, one received once, one never.
    const first = await open();
    await first.sqs.send(new SendMessageCommand({ QueueUrl: first.url('Work'), MessageBody: 'dead' }));
    for (let receive = 0; receive < 2; receive++) {
      await first.sqs.send(new ReceiveMessageCommand({ QueueUrl: first.url('Work'), VisibilityTimeout: 0 }));
    }
    await first.sqs.send(new SendMessageCommand({ QueueUrl: first.url('Work'), MessageBody: 'received' }));
    await first.sqs.send(new ReceiveMessageCommand({ QueueUrl: first.url('Work'), MaxNumberOfMessages: 10 }));
    await first.sqs.send(new SendMessageCommand({ QueueUrl: first.url('Work'), MessageBody: 'waiting' }));

    // Act: a second start on the folder, the first never stopped (as after a SIGKILL).
    const second = await open();

    // Assess
    const work = second.fauxqs.inspectQueue(second.queues.find((queue) => queue.logicalId === 'Work')!.name)!.messages;
    const deadLetters = second.fauxqs.inspectQueue(second.queues.find((queue) => queue.logicalId === 'WorkDlq')!.name)!.messages;
    expect(work.ready.map((message) => message.body)).toEqual(['waiting']);
    expect(work.inflight.map(({ message }) => [message.body, message.approximateReceiveCount])).toEqual([['received', 1]]);
    expect(deadLetters.ready.map((message) => message.body)).toEqual(['dead']);
  });

  it('listens on 127.0.0.1 only', async () => {
    const { fauxqs } = await open();

    // Every 127.x address is loopback on Linux: a server on all interfaces would answer 127.0.0.2 too.
    const answered = await new Promise<boolean>((resolve) => {
      const socket = connect(fauxqs.port, '127.0.0.2');
      socket.once('connect', () => resolve(socket.destroy() !== undefined));
      socket.once('error', () => resolve(false));
    });

    expect(new URL(fauxqs.address).hostname).toBe('127.0.0.1');
    expect(answered).toBe(false);
  });
});

describe('fauxqs, asked with a forged Host', () => {
  /** An SQS call as the SDK sends it (JSON protocol), with the given Host. */
  const receiveFrom = (address: string, queueUrl: string, host: string) =>
    sendWithHeaders(`${address}/`, {
      method: 'POST',
      headers: { host, 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.ReceiveMessage' },
      body: JSON.stringify({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }),
    });

  it.each(foreignHosts)('answers 421 to a Host naming %s, receiving nothing and showing no queue', async (_case, host) => {
    const { fauxqs, sqs, url } = await open();
    await sqs.send(new SendMessageCommand({ QueueUrl: url('Work'), MessageBody: 'private' }));

    const receive = await receiveFrom(fauxqs.address, url('Work'), host(fauxqs.port));
    const queueView = await sendWithHeaders(`${fauxqs.address}/_fauxqs/queues`, { headers: { host: host(fauxqs.port) } });

    expect([receive.status, queueView.status]).toEqual([421, 421]);
    expect(JSON.parse(receive.text)).toMatchObject({ error: { code: 'misdirected_request' } });
    expect(await depth(sqs, url('Work'))).toEqual({ visible: 1, inFlight: 0 });
  });

  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['localhost', 'localhost'],
    // The host of fauxqs' queue URLs, which functions reach it by (AWS_ENDPOINT_URL_SQS).
    ['its queue URLs’ name', 'sqs.us-east-1.localhost'],
  ])('serves Host %s with its port', async (_case, name) => {
    const { fauxqs, sqs, url } = await open();
    await sqs.send(new SendMessageCommand({ QueueUrl: url('Work'), MessageBody: 'for me' }));

    const receive = await receiveFrom(fauxqs.address, url('Work'), `${name}:${fauxqs.port}`);

    expect(receive.status).toBe(200);
    expect(JSON.parse(receive.text)).toMatchObject({ Messages: [{ Body: 'for me' }] });
  });
});

describe('releaseAbandonedMessages', () => {
  it('makes the messages a dead run had received visible again, keeping their receive counts', async () => {
    const first = await open();
    await first.sqs.send(new SendMessageCommand({ QueueUrl: first.url('Work'), MessageBody: 'abandoned' }));
    await first.sqs.send(new ReceiveMessageCommand({ QueueUrl: first.url('Work') }));
    const second = await open();

    const released = await releaseAbandonedMessages(second.fauxqs, second.sqs, second.queues);

    expect(released).toBe(1);
    const { Messages = [] } = await second.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: second.url('Work'), WaitTimeSeconds: 5, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }),
    );
    expect(Messages.map((message) => [message.Body, message.Attributes?.ApproximateReceiveCount])).toEqual([['abandoned', '2']]);
    expect(await depth(second.sqs, second.url('Work'))).toEqual({ visible: 0, inFlight: 1 });
  });
});
