import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { withCorrelationId } from '../../../../functions/platform/logging/correlation.ts';
import { SqsMessageQueue, toAsciiJson } from '../../../../functions/platform/queue/sqs-message-queue.ts';

describe('toAsciiJson', () => {
  it.each([
    ['ASCII', { text: 'plain <b>text</b> "quoted"' }],
    ['Japanese', { text: '三日間、返事がありません' }],
    ['an emoji outside the BMP', { text: 'sad 😞 face 👍🏽' }],
    ['line breaks and tabs', { text: 'a\nb\tc\r\n' }],
    ['DEL and Latin-1', { text: '\u007f café ß' }],
  ])('carries %s as pure ASCII that parses back exactly', (_name, value) => {
    const json = toAsciiJson(value);
    expect(json).toMatch(/^[\x20-\x7e]*$/);
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('SqsMessageQueue', () => {
  it('attaches the correlation id of the work sending, and nothing when there is none', async () => {
    const sqs = mockClient(SQSClient);
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm-1' });
    const queue = new SqsMessageQueue<{ n: number }>(new SQSClient({ region: 'eu-west-1' }), 'https://sqs.example/q');
    await withCorrelationId('request-7', () => queue.send({ n: 1 }));
    await queue.send({ n: 2 });
    const [withId, without] = sqs.commandCalls(SendMessageCommand).map((call) => call.args[0].input);
    expect(withId!.MessageAttributes).toEqual({ correlationId: { DataType: 'String', StringValue: 'request-7' } });
    expect(without!.MessageAttributes).toBeUndefined();
  });
});
