import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { CORRELATION_ID_HEADER, currentCorrelationId } from '../../platform/logging/correlation.ts';
import type { NotificationMailer, OutgoingNotificationEmail } from '../core/notification-outbox.ts';

/**
 * Sends escalation emails with SES v2 `SendEmail` (Simple content: subject, HTML and text parts,
 * EmailTags, and the correlation id of the work sending it as the `X-Correlation-Id` header).
 * Any error is thrown: the outbox item keeps its lease, and the next sweep after the
 * lease runs out sends it again.
 *
 * @example
 * ```ts
 * const mailer = new SesNotificationMailer(new SESv2Client({ retryMode: 'adaptive' }), config.SENDER_ADDRESS);
 * await mailer.send({ to, subject, html, text, tags: { kind: 'assigned' } });
 * ```
 */
export class SesNotificationMailer implements NotificationMailer {
  constructor(
    private readonly client: SESv2Client,
    private readonly fromAddress: string,
  ) {}

  async send(email: OutgoingNotificationEmail): Promise<{ readonly messageId: string }> {
    const correlationId = currentCorrelationId();
    const { MessageId } = await this.client.send(
      new SendEmailCommand({
        FromEmailAddress: this.fromAddress,
        Destination: { ToAddresses: [email.to] },
        EmailTags: Object.entries(email.tags).map(([Name, Value]) => ({ Name, Value })),
        Content: {
          Simple: {
            Subject: { Data: email.subject, Charset: 'UTF-8' },
            Body: { Html: { Data: email.html, Charset: 'UTF-8' }, Text: { Data: email.text, Charset: 'UTF-8' } },
            ...(correlationId === undefined ? {} : { Headers: [{ Name: CORRELATION_ID_HEADER, Value: correlationId }] }),
          },
        },
      }),
    );
    return { messageId: MessageId ?? '' };
  }
}
