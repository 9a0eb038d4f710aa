import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { feedbackAcceptedMessage } from '../../../../functions/intake/contracts/feedback-accepted-message.ts';
import { captureOutput } from '../../../helpers/capture-output.ts';
import { httpEvent, lambdaContext } from '../../../helpers/events.ts';
import { validArticleFeedback } from '../../../helpers/submissions.ts';
import { stubEnvironment } from '../../../helpers/stub-environment.ts';

const sqs = mockClient(SQSClient);
let handler: typeof import('../../../../functions/intake/submit-feedback/handler.ts').handler;

beforeAll(async () => {
  stubEnvironment({
    FEEDBACK_QUEUE_URL: 'http://queue.local/feedback',
    POWERTOOLS_METRICS_NAMESPACE: 'Test',
    POWERTOOLS_SERVICE_NAME: 'submit-feedback',
  });
  ({ handler } = await import('../../../../functions/intake/submit-feedback/handler.ts'));
});
beforeEach(() => {
  sqs.reset();
  sqs.on(SendMessageCommand).resolves({ MessageId: 'm-1' });
});
afterEach(() => vi.restoreAllMocks());

const post = (body: string) => handler(httpEvent({ path: '/feedback', body }), lambdaContext());

describe('POST /feedback', () => {
  it('answers 202 with the feedback id and queues the feedback as sent', async () => {
    captureOutput();
    const response = await post(JSON.stringify(validArticleFeedback()));
    expect(response.statusCode).toBe(202);
    const { feedbackId } = JSON.parse(response.body!);
    const sent = sqs.commandCalls(SendMessageCommand);
    expect(sent).toHaveLength(1);
    expect(feedbackAcceptedMessage.parse(JSON.parse(sent[0]!.args[0].input.MessageBody!))).toMatchObject({ feedbackId, submission: validArticleFeedback() });
  });

  it.each([
    ['a member named twice', JSON.stringify(validArticleFeedback()).replace('{', '{"rating":5,'), 'duplicate_key'],
    ['a comment of zero-width characters', JSON.stringify(validArticleFeedback({ comment: '\u200b\u2060' })), 'validation_failed'],
    ['an articleId with a bidi override', JSON.stringify(validArticleFeedback({ articleId: 'kb-\u202e1' })), 'validation_failed'],
  ])('refuses %s with 400 and queues nothing', async (_name, body, code) => {
    captureOutput();
    const response = await post(body);
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body!).error.code).toBe(code);
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(0);
  });

  it('keeps a bidi control in a comment as data', async () => {
    captureOutput();
    const comment = 'مرحبا \u2067abc\u2069 thanks';
    expect((await post(JSON.stringify(validArticleFeedback({ comment })))).statusCode).toBe(202);
    const sent = JSON.parse(sqs.commandCalls(SendMessageCommand)[0]!.args[0].input.MessageBody!);
    expect(sent.submission.comment).toBe(comment);
  });
});
