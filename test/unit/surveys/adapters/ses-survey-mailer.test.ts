import { BadRequestException, MessageRejected, SendEmailCommand, SESv2Client, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { SesSurveyMailer } from '../../../../functions/surveys/adapters/ses-survey-mailer.ts';
import { SurveyEmailRefusedError } from '../../../../functions/surveys/core/errors.ts';

const ses = mockClient(SESv2Client);
const mailer = new SesSurveyMailer(new SESv2Client({ region: 'us-east-1', maxAttempts: 1 }), 'surveys@example.com', 'surveys-set');
const email = {
  to: 'ada@example.com',
  subject: 'How did we do?',
  html: '<p>hi</p>',
  text: 'hi',
  headers: [{ name: 'List-Unsubscribe', value: '<https://x.example/u/t>' }],
  tags: { invitationId: 'inv-1', purpose: 'invitation' },
};
const metadata = { $metadata: {}, message: 'refused' };

describe('SesSurveyMailer', () => {
  beforeEach(() => ses.reset());

  it('sends Simple content with both parts, the headers, the tags and the configuration set', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'm-1' });
    expect(await mailer.send(email)).toEqual({ messageId: 'm-1' });
    expect(ses.commandCalls(SendEmailCommand)[0]!.args[0].input).toEqual({
      FromEmailAddress: 'surveys@example.com',
      Destination: { ToAddresses: ['ada@example.com'] },
      ConfigurationSetName: 'surveys-set',
      EmailTags: [
        { Name: 'invitationId', Value: 'inv-1' },
        { Name: 'purpose', Value: 'invitation' },
      ],
      Content: {
        Simple: {
          Subject: { Data: 'How did we do?', Charset: 'UTF-8' },
          Body: { Html: { Data: '<p>hi</p>', Charset: 'UTF-8' }, Text: { Data: 'hi', Charset: 'UTF-8' } },
          Headers: [{ Name: 'List-Unsubscribe', Value: '<https://x.example/u/t>' }],
        },
      },
    });
  });

  it.each([
    ['MessageRejected', new MessageRejected(metadata), 'message_rejected'],
    ['BadRequestException', new BadRequestException(metadata), 'invalid_message'],
  ])('turns %s into a refusal no retry can change', async (_name, error, code) => {
    ses.on(SendEmailCommand).rejects(error);
    const refusal = await mailer.send(email).catch((caught: unknown) => caught);
    expect(refusal).toBeInstanceOf(SurveyEmailRefusedError);
    expect(refusal).toMatchObject({ code, cause: error });
  });

  it('lets throttling through as itself, so the message is retried', async () => {
    ses.on(SendEmailCommand).rejects(new TooManyRequestsException(metadata));
    await expect(mailer.send(email)).rejects.toBeInstanceOf(TooManyRequestsException);
  });
});
