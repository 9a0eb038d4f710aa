import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { confirmedResponse } from '../helpers/survey-invitations.ts';
import { connectTo, eventually } from '../integration/helpers/pipeline-connection.ts';
import { screenshot, useChromium } from './chromium.ts';

// The path a newcomer takes after `npm run demo`: the support system resolves a case through the
// API, the dispatcher's schedule is fired, the invitation arrives in the SES emulator, and the
// customer clicks a rating in it and confirms on the page. Nothing is seeded behind the API.

const pipeline = inject('pipeline');
const api = connectTo(pipeline);
const HOUR = 3_600_000;

interface StoredEmail {
  readonly messageId: string;
  readonly subject: string;
  readonly destination: { readonly to: readonly string[] };
  readonly body: { readonly html?: string; readonly text?: string };
}

const { openPage } = useChromium();

/** `POST /cases/resolved` as the support system sends it, resolved 25 hours ago so the 24-hour delay has passed. */
const resolveCase = async (customer: { readonly email: string; readonly locale?: string; readonly name?: string }) => {
  const response = await fetch(`${pipeline.apiUrl}/cases/resolved`, {
    method: 'POST',
    headers: { authorization: `Bearer ${pipeline.integrationKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      caseId: `CASE-${randomUUID()}`,
      resolvedAt: new Date(Date.now() - 25 * HOUR).toISOString(),
      customer: { id: `cust-${randomUUID()}`, tier: 'standard', ...customer },
      channel: 'email',
    }),
  });
  expect(response.status).toBe(202);
  return (await response.json()) as { invitationId: string; scheduledFor: string };
};

const fireDispatcher = async () => {
  const { schedules } = (await (await fetch(`${pipeline.controlUrl}/schedules`)).json()) as { schedules: { name: string }[] };
  const dispatcher = schedules.find((schedule) => /DispatchSchedule/.test(schedule.name));
  expect(dispatcher, 'the dispatcher schedule').toBeDefined();
  const fired = await fetch(`${pipeline.controlUrl}/schedules/${encodeURIComponent(dispatcher!.name)}/run`, { method: 'POST' });
  expect(fired.status).toBe(200);
};

// By the invitation its links name (`/s/s.<invitationId>.…`): another test's campaign may mail the same customer.
const invitationEmail = (address: string, invitationId: string) =>
  eventually(
    async () => {
      const { emails } = (await (await fetch(`${pipeline.mailUrl}/store`)).json()) as { emails: StoredEmail[] };
      return emails.find((email) => email.destination.to.includes(address) && email.body.html?.includes(`/s/s.${invitationId}.`));
    },
    20_000,
    `the invitation email to ${address}`,
  );

/** The href of the HTML part's rating link for `score`, as a mail client would follow it. */
const ratingLinkIn = (email: StoredEmail, score: number) => {
  const links = [...(email.body.html ?? '').matchAll(/href="([^"]+)"/g)].map(([, href]) => href!.replaceAll('&amp;', '&'));
  const link = links.find((href) => new URL(href).searchParams.get('score') === String(score));
  expect(link, `a rating link for ${score}`).toBeDefined();
  return link!;
};

describe('from a resolved case to a stored answer, in Chromium', () => {
  it.each([
    { locale: 'ja-JP', score: 2, confirm: 'この評価で送信する', thanks: 'ありがとうございました' },
    { locale: 'en-GB', score: 5, confirm: 'Confirm my rating', thanks: 'Thank you' },
  ])('resolves a case, mails the invitation and stores the rating clicked in it ($locale)', async ({ locale, score, confirm, thanks }) => {
    const address = `e2e-${randomUUID()}@example.com`;
    const { invitationId } = await resolveCase({ email: address, locale, name: 'E2E <Customer>' });
    await fireDispatcher();
    const email = await invitationEmail(address, invitationId);

    const page = await openPage({ locale: 'en-US' });
    const opened = await page.goto(ratingLinkIn(email, score));
    expect(opened?.status()).toBe(200);
    const name = `from-email-${locale}`;
    await screenshot(page, name, '1-opened-from-email');
    // The customer's language comes from the case, not from the browser's.
    expect(await page.getAttribute('html', 'lang')).toBe(locale.slice(0, 2));
    expect(await page.isChecked(`#score-${score}`)).toBe(true);

    await page.getByRole('button', { name: confirm }).click();
    await expect.poll(() => page.textContent('h1')).toBe(thanks);
    await screenshot(page, name, '2-thank-you');

    expect(await confirmedResponse(api, invitationId)).toMatchObject({ source: 'page', answer: { csat: score } });
    const status = await fetch(opened!.url(), { headers: { accept: 'application/json' } });
    expect(await status.json()).toMatchObject({ status: 'answered', kind: 'post_resolution' });
  });
});

describe('the mail viewer of local mode, in Chromium', () => {
  // The viewer shows each email's HTML in an iframe, and the pages refuse framing
  // (`frame-ancestors 'none'`): a link must open a new browsing context, as webmail does.
  it('opens a rating clicked in the viewer in a new tab, where the survey page shows it', async () => {
    const address = `viewer-${randomUUID()}@example.com`;
    const { invitationId } = await resolveCase({ email: address, locale: 'en-GB' });
    await fireDispatcher();
    const email = await invitationEmail(address, invitationId);

    const viewer = await openPage({ locale: 'en-US' });
    await viewer.goto(pipeline.mailUrl);
    const shown = viewer.locator(`[id="${email.messageId}-html"]`);
    await shown.locator('xpath=..').getByRole('button', { name: 'Toggle HTML view' }).click();
    const [survey] = await Promise.all([
      viewer.context().waitForEvent('page', { timeout: 10_000 }),
      viewer.frameLocator(`[id="${email.messageId}-html-iframe"]`).getByRole('link', { name: '4', exact: true }).click(),
    ]);
    await survey!.waitForLoadState();
    await screenshot(survey!, 'mail-viewer-click', '1-survey-in-new-tab');

    expect(await survey!.isChecked('#score-4')).toBe(true);
    expect(viewer.url()).toBe(`${pipeline.mailUrl}/`);
  });

  it('opens the console link of an escalation email in a new tab, at the escalation', async () => {
    const filed = await fetch(`${pipeline.apiUrl}/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `viewer-${randomUUID()}@example.com`, category: 'attitude', description: 'Nobody called me back.' }),
    });
    expect(filed.status).toBe(202);
    const { complaintId } = (await filed.json()) as { complaintId: string };
    const assigned = await eventually(
      async () => {
        const { emails } = (await (await fetch(`${pipeline.mailUrl}/store`)).json()) as { emails: StoredEmail[] };
        return emails.find((email) => email.body.html?.includes(`/console#escalation=${complaintId}`));
      },
      20_000,
      'the assignee’s escalation email',
    );

    const viewer = await openPage({ locale: 'en-US' });
    await viewer.goto(pipeline.mailUrl);
    await viewer.locator(`[id="${assigned.messageId}-html"]`).locator('xpath=..').getByRole('button', { name: 'Toggle HTML view' }).click();
    const [consolePage] = await Promise.all([
      viewer.context().waitForEvent('page', { timeout: 10_000 }),
      viewer.frameLocator(`[id="${assigned.messageId}-html-iframe"]`).getByRole('link', { name: 'Open the escalation in the console' }).click(),
    ]);
    await consolePage!.waitForLoadState();
    await screenshot(consolePage!, 'mail-viewer-console-link', '1-console-in-new-tab');

    expect(consolePage!.url()).toBe(`${pipeline.apiUrl}/console#escalation=${complaintId}`);
    expect(await consolePage!.title()).toBe('Supervisor console');
  });
});
