import { BadRequestException, MessageRejected, SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { OutgoingSurveyEmail, SurveyMailer } from '../core/survey-mailer.ts';
import { SurveyEmailRefusedError } from '../core/errors.ts';

/**
 * Sends survey emails with SES v2 `SendEmail`, Simple content (subject, HTML and text parts, and
 * the `List-Unsubscribe` headers through `Headers`), EmailTags and the configuration set that
 * publishes bounces and complaints. Throttling (`TooManyRequestsException`) and other transient
 * errors are retried by the client (give it `retryMode: 'adaptive'`) and then thrown, so SQS
 * redelivers the message; a refusal of this one message becomes {@link SurveyEmailRefusedError}.
 *
 * @example
 * ```ts
 * const mailer = new SesSurveyMailer(new SESv2Client({ retryMode: 'adaptive' }), config.SENDER_ADDRESS, config.CONFIGURATION_SET_NAME);
 * const { messageId } = await mailer.send({ to, subject, html, text, headers, tags: { invitationId } });
 * ```
 */
export class SesSurveyMailer implements SurveyMailer {
  constructor(
    private readonly client: SESv2Client,
    private readonly fromAddress: string,
    private readonly configurationSetName: string,
  ) {}

  async send(email: OutgoingSurveyEmail): Promise<{ readonly messageId: string }> {
    try {
      const { MessageId } = await this.client.send(
        new SendEmailCommand({
          FromEmailAddress: this.fromAddress,
          Destination: { ToAddresses: [email.to] },
          ConfigurationSetName: this.configurationSetName,
          EmailTags: Object.entries(email.tags).map(([Name, Value]) => ({ Name, Value })),
          Content: {
            Simple: {
              Subject: { Data: email.subject, Charset: 'UTF-8' },
              Body: { Html: { Data: email.html, Charset: 'UTF-8' }, Text: { Data: email.text, Charset: 'UTF-8' } },
              Headers: email.headers.map(({ name, value }) => ({ Name: name, Value: value })),
            },
          },
        }),
      );
      return { messageId: MessageId ?? '' };
    } catch (error) {
      if (error instanceof MessageRejected) throw new SurveyEmailRefusedError('message_rejected', 'SES rejected the message', { cause: error });
      if (error instanceof BadRequestException) throw new SurveyEmailRefusedError('invalid_message', 'SES refused the message as invalid', { cause: error });
      throw error;
    }
  }
}
