import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { afterEach, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../../local/emulators/local-aws.ts';
import { type LocalMail, startMail } from '../../../local/emulators/start-mail.ts';
import { foreignHosts, sendWithHeaders } from '../../helpers/send-with-headers.ts';

let mail: LocalMail | undefined;
afterEach(async () => {
  await mail?.stop();
  mail = undefined;
});

const sendOneEmail = async (endpoint: string, subject: string) => {
  const ses = new SESv2Client(localClientConfig(endpoint));
  await ses.send(
    new SendEmailCommand({
      FromEmailAddress: 'surveys@example.com',
      Destination: { ToAddresses: ['customer@example.com'] },
      Content: { Simple: { Subject: { Data: subject }, Body: { Text: { Data: 'How did we do?' } } } },
    }),
  );
  ses.destroy();
};
const subjectsStored = async (endpoint: string) =>
  ((await (await fetch(`${endpoint}/store`)).json()) as { emails: { subject: string }[] }).emails.map((email) => email.subject);

describe('startMail', () => {
  it.each(foreignHosts)('answers 421 to a Host naming %s, and shows no email', async (_case, host) => {
    mail = await startMail();
    const subject = `rebinding-${host(0)}`;
    await sendOneEmail(mail.endpoint, subject);

    const answer = await sendWithHeaders(`${mail.endpoint}/store`, { headers: { host: host(Number(new URL(mail.endpoint).port)) } });

    expect(answer.status).toBe(421);
    expect(JSON.parse(answer.text)).toMatchObject({ error: { code: 'misdirected_request' } });
    expect(answer.text).not.toContain(subject);
  });

  it('keeps its emails when a page of another site posts to /clear-store, which needs no preflight', async () => {
    mail = await startMail();
    await sendOneEmail(mail.endpoint, 'kept');

    const answer = await sendWithHeaders(`${mail.endpoint}/clear-store`, {
      method: 'POST',
      headers: { host: new URL(mail.endpoint).host, origin: 'http://127.0.0.1:9', 'sec-fetch-site': 'same-site' },
    });

    expect(answer.status).toBe(403);
    expect(await subjectsStored(mail.endpoint)).toContain('kept');
  });

  it('takes SendEmail from the SDK and shows its viewer to Host localhost with its port', async () => {
    mail = await startMail();

    await sendOneEmail(mail.endpoint, 'sent');
    const viewer = await sendWithHeaders(`${mail.endpoint}/`, { headers: { host: `localhost:${new URL(mail.endpoint).port}`, 'sec-fetch-site': 'none' } });

    expect(await subjectsStored(mail.endpoint)).toContain('sent');
    expect(viewer.status).toBe(200);
  });
});
