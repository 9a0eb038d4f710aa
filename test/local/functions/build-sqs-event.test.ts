import type { Message } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { buildSqsEvent, messagesToDelete } from '../../../local/functions/build-sqs-event.ts';

const aMessage = (id: string): Message => ({
  MessageId: id,
  ReceiptHandle: `rh-${id}`,
  Body: `{"id":"${id}"}`,
  MD5OfBody: 'md5',
  Attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1' },
  MessageAttributes: { kind: { DataType: 'String', StringValue: 'complaint' }, blob: { DataType: 'Binary', BinaryValue: Buffer.from('b') } },
});

describe('buildSqsEvent', () => {
  it('builds the records Lambda passes for an SQS event source', () => {
    const event = buildSqsEvent([aMessage('m1')], 'arn:aws:sqs:us-east-1:000000000000:q', 'us-east-1');

    expect(event.Records).toEqual([
      {
        messageId: 'm1',
        receiptHandle: 'rh-m1',
        body: '{"id":"m1"}',
        attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1' },
        messageAttributes: {
          kind: { stringValue: 'complaint', stringListValues: [], binaryListValues: [], dataType: 'String' },
          blob: { binaryValue: 'Yg==', stringListValues: [], binaryListValues: [], dataType: 'Binary' },
        },
        md5OfBody: 'md5',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:q',
        awsRegion: 'us-east-1',
      },
    ]);
  });

  it('builds an empty batch', () => {
    expect(buildSqsEvent([], 'arn', 'us-east-1')).toEqual({ Records: [] });
  });
});

describe('messagesToDelete', () => {
  const batch = [aMessage('m1'), aMessage('m2'), aMessage('m3')];
  const ids = (messages: Message[]) => messages.map((message) => message.MessageId);

  it.each([
    ['deletes all after success without partial failures', false, { batchItemFailures: [{ itemIdentifier: 'm1' }] }, ['m1', 'm2', 'm3']],
    ['deletes all but the reported failures', true, { batchItemFailures: [{ itemIdentifier: 'm2' }] }, ['m1', 'm3']],
    ['deletes all on an empty failure list', true, { batchItemFailures: [] }, ['m1', 'm2', 'm3']],
    ['deletes all on a null response', true, null, ['m1', 'm2', 'm3']],
    ['deletes nothing when an identifier is unknown', true, { batchItemFailures: [{ itemIdentifier: 'other' }] }, []],
    ['deletes nothing when an identifier is missing', true, { batchItemFailures: [{}] }, []],
    ['deletes nothing when batchItemFailures is not a list', true, { batchItemFailures: 'm1' }, []],
  ])('%s', (_name, reports, result, expected) => {
    expect(ids(messagesToDelete(batch, result, reports))).toEqual(expected);
  });
});
