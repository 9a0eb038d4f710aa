import { DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { describe, expect, inject, it } from 'vitest';
import { toAsciiJson } from '../../../functions/platform/queue/sqs-message-queue.ts';
import { acceptComplaint } from '../../../functions/intake/core/accept-complaint.ts';
import { redriveDeadLetters } from '../../../local/emulators/redrive-dead-letters.ts';
import { validComplaint } from '../../helpers/submissions.ts';
import { QUEUES, connectTo, eventually } from '../helpers/pipeline-connection.ts';

const connection = inject('pipeline');
const pipeline = connectTo(connection);

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
    // Read and removed, as an operator would after finding the cause: it would only fail again.
    await pipeline.sqs.send(new DeleteMessageCommand({ QueueUrl: pipeline.queueUrl(QUEUES.complaintDeadLetters), ReceiptHandle: deadLetter.ReceiptHandle! }));
  });

  it('redrives dead letters to their source queue, where they are stored', async () => {
    // A complaint that failed during an outage, now waiting in the dead-letter queue.
    const { message } = acceptComplaint(validComplaint({ description: 'failed during an outage' }) as never, {
      now: new Date(),
      signingKey: 'k'.repeat(64),
      statusTokenTtlDays: 180,
      statusEndpoint: `${connection.apiUrl}/complaints/status`,
    });
    const dead = await pipeline.sqs.send(
      new SendMessageCommand({ QueueUrl: pipeline.queueUrl(QUEUES.complaintDeadLetters), MessageBody: toAsciiJson(message) }),
    );

    const results = await redriveDeadLetters(pipeline.sqs, Object.values(connection.queues));
    // The id the failures were logged under leads to the id the consumer logs from now on.
    expect(results).toContainEqual(
      expect.objectContaining({
        sourceQueue: pipeline.queueUrl(QUEUES.complaints),
        moved: 1,
        moves: [{ originalMessageId: dead.MessageId, messageId: expect.stringMatching(/^[0-9a-f-]{36}$/) }],
      }),
    );
    expect(results.flatMap((result) => result.moves).map((move) => move.messageId)).not.toContain(dead.MessageId);
    expect(await eventually(() => pipeline.getItem(`COMPLAINT#${message.complaintId}`, 'COMPLAINT'))).toMatchObject({
      description: 'failed during an outage',
    });
    expect(await pipeline.queueDepth(QUEUES.complaintDeadLetters)).toBe(0);
  });
});
