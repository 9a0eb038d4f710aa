import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { describe, expect, inject, it } from 'vitest';
import { QUEUES, connectTo, eventually } from './helpers/pipeline-connection.ts';

const pipeline = connectTo(inject('pipeline'));

describe('dead letters', () => {
  it('moves a message the consumer can never store to the dead-letter queue, and stores its neighbours', async () => {
    const poison = `not json ${Date.now()}`;
    await pipeline.sqs.send(new SendMessageCommand({ QueueUrl: pipeline.queueUrl(QUEUES.complaints), MessageBody: poison }));
    const good = await pipeline.postJson('/complaints', { email: 'a@example.com', category: 'other', description: 'neighbour' });
    await eventually(() => pipeline.getItem(`COMPLAINT#${good.json.complaintId}`, 'COMPLAINT'), 15_000, 'neighbour stored');

    // maxReceiveCount is 5: the poison message is received five times, then fauxqs redrives it.
    const deadLetter = await eventually(
      async () => {
        const { Messages } = await pipeline.sqs.send(
          new ReceiveMessageCommand({ QueueUrl: pipeline.queueUrl(QUEUES.complaintDeadLetters), MaxNumberOfMessages: 10, AttributeNames: ['All'] }),
        );
        return Messages?.find((message) => message.Body === poison);
      },
      45_000,
      'poison message in the dead-letter queue',
    );
    expect(Number(deadLetter.Attributes?.ApproximateReceiveCount)).toBeGreaterThanOrEqual(1);
  });
});
