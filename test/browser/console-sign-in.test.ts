import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { localClientConfig } from '../../local/emulators/local-aws.ts';
import { mailAndSchedules } from '../integration/helpers/mail-and-schedules.ts';
import { screenshot, signInToConsole, useChromium } from './chromium.ts';

const pipeline = inject('pipeline');
// The demo supervisor the README names: start-up leaves her first sign-in to meet the challenge.
const firstDayUserId = 'sup-cloud-eva';
const chromium = useChromium();
const cognito = new CognitoIdentityProviderClient(localClientConfig(pipeline.userPool.endpoint));
afterAll(() => cognito.destroy());

const passwordOf = (userId: string) => pipeline.demoUsers.find((user) => user.userId === userId)!.password!;
const openConsole = async (locale: string) => {
  const page = await chromium.openPage({ locale, timezoneId: 'Europe/London' });
  await page.goto(`${pipeline.apiUrl}/console`);
  await page.locator('#sign-in-form').waitFor();
  return page;
};
const fillSignIn = async (page: Page, userName: string, password: string) => {
  await page.locator('#user-name').fill(userName);
  await page.locator('#password').fill(password);
  await page.locator('#sign-in-form button[type=submit]').click();
};
const sessionToken = (page: Page, key: 'console.token' | 'console.refresh') => page.evaluate((name) => sessionStorage.getItem(name), key);
const refreshWith = (refreshToken: string) =>
  cognito.send(
    new InitiateAuthCommand({ ClientId: pipeline.userPool.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: refreshToken } }),
  );

describe('signing in to the console through the user pool, as on AWS', () => {
  it('meets the new-password challenge at a first sign-in, sets the password, and signs out revoking the session', async ({ task }) => {
    const page = await openConsole('en-GB');
    await screenshot(page, task.name, '1-sign-in-en');
    await fillSignIn(page, firstDayUserId, passwordOf(firstDayUserId));

    await page.locator('#new-password-form').waitFor();
    expect(await page.textContent('h2')).toBe('Choose a new password');
    await screenshot(page, task.name, '2-new-password-en');
    await page.locator('#new-password').fill('Eva-Chose-This-1!');
    await page.locator('#repeat-password').fill('Eva-Chose-This-2!');
    await page.locator('#new-password-form button[type=submit]').click();
    await expect.poll(() => page.textContent('#message')).toBe('The two passwords differ.');
    await page.locator('#repeat-password').fill('Eva-Chose-This-1!');
    await page.locator('#new-password-form button[type=submit]').click();

    await page.locator('#sign-out').waitFor();
    expect(await page.textContent('.who')).toBe('Signed in as Eva Novak');
    await screenshot(page, task.name, '3-signed-in');
    const refreshToken = (await sessionToken(page, 'console.refresh'))!;
    expect((await refreshWith(refreshToken)).AuthenticationResult?.IdToken).toBeDefined();

    await page.locator('#sign-out').click();
    await page.locator('#sign-in-form').waitFor();
    expect(await sessionToken(page, 'console.refresh')).toBeNull();
    // Revoked at the pool: a copy of the refresh token signs nobody in.
    await expect
      .poll(() =>
        refreshWith(refreshToken).then(
          () => 'accepted',
          (error: Error) => error.name,
        ),
      )
      .toBe('NotAuthorizedException');
    // Her own password signs her in now, with no challenge.
    await fillSignIn(page, 'EVA.NOVAK@example.com', 'Eva-Chose-This-1!');
    await page.locator('#sign-out').waitFor();
  });

  it('says why a sign-in failed, in the chosen language', async ({ task }) => {
    const page = await openConsole('ja-JP');
    await screenshot(page, task.name, '1-sign-in-ja');
    await fillSignIn(page, 'sup-japan-yui', 'Not-Her-Passw0rd!');
    await expect.poll(() => page.textContent('#message')).toBe('サインインできませんでした。ユーザー名とパスワードをご確認ください。');
    expect(await page.locator('#message').getAttribute('role')).toBe('alert');
    await screenshot(page, task.name, '2-refused-ja');
  });

  it('resets a forgotten password with the code the pool emails', async ({ task }) => {
    const { emailTo } = mailAndSchedules(pipeline);
    const page = await openConsole('en-GB');
    await page.locator('#forgot-password').click();
    await page.locator('#user-name').fill('hugo.bernard@example.com');
    await page.locator('#forgot-form button[type=submit]').click();
    await page.locator('#reset-form').waitFor();
    await screenshot(page, task.name, '1-reset-form');

    const email = await emailTo('hugo.bernard@example.com', /verification code/i);
    const code = /(\d{6})/.exec(email.body.text ?? '')?.[1];
    expect(code).toMatch(/^\d{6}$/);
    await page.locator('#code').fill('000000' === code ? '111111' : '000000');
    await page.locator('#new-password').fill('Hugo-Reset-Passw0rd!');
    await page.locator('#reset-form button[type=submit]').click();
    await expect.poll(() => page.textContent('#message')).toBe('That code is wrong or has expired. Ask for a new one.');
    await page.locator('#code').fill(code!);
    await page.locator('#reset-form button[type=submit]').click();
    await expect.poll(() => page.textContent('#message')).toBe('Your password is changed. Sign in with it.');

    await fillSignIn(page, 'head-hugo', 'Hugo-Reset-Passw0rd!');
    await page.locator('#sign-out').waitFor();
  });

  it('refreshes its token before it expires, across a jump of the clock of more than an hour', async () => {
    const page = await chromium.openPage({ locale: 'en-GB' });
    await page.clock.install();
    await signInToConsole(page, pipeline, 'sup-japan-haruto');
    const first = (await sessionToken(page, 'console.token'))!;
    expect(decodeJwt(first).exp! - decodeJwt(first).iat!).toBe(3600);

    await page.clock.fastForward('01:01:00');

    await expect.poll(() => sessionToken(page, 'console.token')).not.toBe(first);
    const refreshed = (await sessionToken(page, 'console.token'))!;
    expect(decodeJwt(refreshed)['cognito:username']).toBe('sup-japan-haruto');
    // Still signed in, and the API takes the new token.
    expect(await page.locator('#sign-out').count()).toBe(1);
    const status = await page.evaluate(async (token) => (await fetch('/escalations', { headers: { authorization: `Bearer ${token}` } })).status, refreshed);
    expect(status).toBe(200);
  });

  it('takes a new token before anything else when a tab comes back with an expired one', async () => {
    const page = await chromium.openPage({ locale: 'en-GB' });
    await page.clock.install();
    await signInToConsole(page, pipeline, 'sup-japan-yui');
    const first = (await sessionToken(page, 'console.token'))!;

    // The laptop slept through the hour (no timer ran), then the page is reloaded.
    await page.clock.setSystemTime(Date.now() + 2 * 3600_000);
    const listed = page.waitForResponse((response) => response.url().includes('/escalations') && response.request().method() === 'GET');
    await page.reload();

    expect((await listed).status()).toBe(200);
    const second = (await sessionToken(page, 'console.token'))!;
    expect(second).not.toBe(first);
    expect(await page.locator('#sign-out').count()).toBe(1);
  });
});
