import { describe, expect, inject, it } from 'vitest';
import { confirmedResponse, sendInvitation } from '../helpers/survey-invitations.ts';
import { connectTo } from '../integration/helpers/pipeline-connection.ts';
import { screenshot, seriousViolations, useChromium } from './chromium.ts';

const pipeline = inject('pipeline');
const api = connectTo(pipeline);
const world = { ...pipeline, dynamodb: api.dynamodb };

const { openPage } = useChromium();

describe('the survey page in Chromium', () => {
  it('lets a Japanese customer confirm a one-click rating and thanks them in Japanese', async ({ task }) => {
    const sent = await sendInvitation(world, { locale: 'ja' });
    const page = await openPage({ locale: 'en-US' });
    const opened = await page.goto(sent.surveyUrl(4));
    expect(opened?.status()).toBe(200);
    await screenshot(page, task.name, '1-opened');

    expect(await page.getAttribute('html', 'lang')).toBe('ja');
    expect(await page.isChecked('#score-4')).toBe(true);
    await page.getByLabel('対応の速さ').check();
    await page.getByLabel('その他ご意見があればお聞かせください（任意）').fill('迅速な対応ありがとうございました。');
    await screenshot(page, task.name, '2-filled');
    await page.getByRole('button', { name: 'この評価で送信する' }).click();

    await expect.poll(() => page.textContent('h1')).toBe('ありがとうございました');
    await screenshot(page, task.name, '3-thank-you');
    expect(await confirmedResponse(api, sent.invitation.invitationId)).toMatchObject({
      source: 'page',
      answer: { csat: 4, reasons: ['speed'], comment: '迅速な対応ありがとうございました。' },
    });
  });

  it('serves an English customer by their browser language and thanks them in English', async ({ task }) => {
    const sent = await sendInvitation(world);
    const page = await openPage({ locale: 'en-GB' });
    await page.goto(sent.surveyUrl());
    await screenshot(page, task.name, '1-opened');
    expect(await page.getAttribute('html', 'lang')).toBe('en');

    await page.getByRole('radio', { name: '5' }).first().check();
    await page.getByLabel('Knowledge').check();
    await page.locator('#ces-7').check();
    await page.getByRole('button', { name: 'Send' }).click();

    await expect.poll(() => page.textContent('h1')).toBe('Thank you');
    await screenshot(page, task.name, '2-thank-you');
    expect(await confirmedResponse(api, sent.invitation.invitationId)).toMatchObject({ answer: { csat: 5, ces: 7, reasons: ['knowledge'] } });
  });

  it('can be answered with the keyboard alone', async ({ task }) => {
    const sent = await sendInvitation(world, { locale: 'en' });
    const page = await openPage({ locale: 'en-US' });
    await page.goto(sent.surveyUrl());

    // Tab into the rating group, pick 3 with the arrow keys, then Tab on to the button and press Enter.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.id')).toBe('score-1');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await page.isChecked('#score-3')).toBe(true);
    await screenshot(page, task.name, '1-rated');
    for (let presses = 0; presses < 40 && (await page.evaluate('document.activeElement?.tagName')) !== 'BUTTON'; presses++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');

    await expect.poll(() => page.textContent('h1')).toBe('Thank you');
    await screenshot(page, task.name, '2-thank-you');
    expect(await confirmedResponse(api, sent.invitation.invitationId)).toMatchObject({ answer: { csat: 3 } });
  });

  it('shows the localized error page for a tampered link', async ({ task }) => {
    const sent = await sendInvitation(world, { locale: 'ja' });
    const page = await openPage({ locale: 'ja-JP' });
    const tampered = sent.surveyUrl().replace(/.$/, (last) => (last === 'A' ? 'B' : 'A'));
    const opened = await page.goto(tampered);
    await screenshot(page, task.name, '1-error');
    expect(opened?.status()).toBe(404);
    expect(await page.textContent('h1')).toBe('このリンクは無効です');
    expect(await page.locator('form').count()).toBe(0);
  });

  it('has no serious or critical accessibility violations (axe-core)', async ({ task }) => {
    const sent = await sendInvitation(world, { locale: 'ja' });
    // axe runs as an injected script, which the page's CSP rightly forbids: this context bypasses it.
    const page = await openPage({ locale: 'ja-JP', bypassCSP: true });
    const violations: string[] = [];
    for (const url of [sent.surveyUrl(2), sent.unsubscribeUrl]) {
      await page.goto(url);
      violations.push(...(await seriousViolations(page)));
    }
    await screenshot(page, task.name, '1-checked');
    expect(violations).toEqual([]);
  });

  it('blocks inline script the page did not ship, by its Content-Security-Policy', async () => {
    const sent = await sendInvitation(world);
    const page = await openPage({ locale: 'en-US' });
    await page.goto(sent.surveyUrl());
    // Runs in the page (a string: the test's own tsconfig knows no DOM).
    const ran = await page.evaluate(`(() => {
      const script = document.createElement('script');
      script.textContent = 'document.body.dataset.injected = "yes"';
      document.body.append(script);
      return document.body.dataset.injected ?? 'no';
    })()`);
    expect(ran).toBe('no');
  });

  // Without an icon of its own a browser asks for /favicon.ico, one more Lambda invocation (route-not-found) per view.
  it('gives every page an inline icon that its Content-Security-Policy lets load', async () => {
    const sent = await sendInvitation(world, { locale: 'en' });
    const filed = await api.postJson('/complaints', { email: 'icon@example.com', category: 'other', description: 'Checking the icon.' });
    const pages = [sent.surveyUrl(), sent.unsubscribeUrl, (filed.json as { statusUrl: string }).statusUrl, `${pipeline.apiUrl}/console`];
    for (const url of pages) {
      const page = await openPage({ locale: 'en-US' });
      const refusals: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/.test(message.text())) refusals.push(message.text());
      });
      await page.goto(url);
      await page.waitForLoadState('load');
      expect(await page.getAttribute('link[rel="icon"]', 'href'), url).toMatch(/^data:image\/svg\+xml,/);
      expect(refusals, url).toEqual([]);
    }
  });
});
