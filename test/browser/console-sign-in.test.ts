import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import type { Page, Request } from 'playwright-core';
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

    // Counted at the pool: a refresh within the sign-in's second gives back the same bytes.
    let refreshes = 0;
    page.on('request', (request) => {
      if (request.url().startsWith(pipeline.userPool.endpoint) && (request.postData() ?? '').includes('REFRESH_TOKEN_AUTH')) refreshes += 1;
    });
    await page.clock.fastForward('01:01:00');

    await expect.poll(() => refreshes, { timeout: 10_000 }).toBe(1);
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
    // What the page sent after the reload, in order: the pool's refresh must come before the first
    // listing. (Tokens the local pool issues within one second are the same bytes, so the token
    // alone cannot show it; and a listing sent before the reload may still be answered after it.)
    const sent: string[] = [];
    const afterReload = new Set<Request>();
    let reloading = false;
    page.on('request', (request) => {
      if (!reloading) return;
      afterReload.add(request);
      if (request.url().startsWith(pipeline.userPool.endpoint) && (request.postData() ?? '').includes('REFRESH_TOKEN_AUTH')) sent.push('refresh');
      else if (request.url().includes('/escalations') && request.method() === 'GET') sent.push('listing');
    });
    // The ID tokens the pool's refreshes answered with.
    const refreshed: string[] = [];
    page.on('response', async (response) => {
      if (!response.url().startsWith(pipeline.userPool.endpoint) || !(response.request().postData() ?? '').includes('REFRESH_TOKEN_AUTH')) return;
      refreshed.push(((await response.json()) as { AuthenticationResult: { IdToken: string } }).AuthenticationResult.IdToken);
    });

    // The laptop slept through the hour (no timer ran), then the page is reloaded.
    await page.clock.setSystemTime(Date.now() + 2 * 3600_000);
    reloading = true;
    const listed = page.waitForResponse(
      (response) => afterReload.has(response.request()) && response.url().includes('/escalations') && response.request().method() === 'GET',
    );
    await page.reload();

    const listing = await listed;
    expect(listing.status()).toBe(200);
    expect(sent[0]).toBe('refresh');
    // Sent with the token a refresh brought (not compared with the stored one: a later renewal may
    // have replaced that by now).
    const used = listing
      .request()
      .headers()
      ['authorization']!.replace(/^Bearer /, '');
    await expect.poll(() => refreshed).toContain(used);
    expect(await page.locator('#sign-out').count()).toBe(1);
  });

  it('renews an expired session once when the API answers 401 (a laptop asleep through the refresh timer), and stays signed in', async () => {
    const page = await openConsole('en-GB');
    await fillSignIn(page, 'sup-japan-haruto', passwordOf('sup-japan-haruto'));
    await expect.poll(() => page.locator('#queue-heading').count(), { timeout: 10_000 }).toBe(1);
    // What the page sent, in order: the renewal shows as the pool's refresh call.
    const sent: Request[] = [];
    const refreshes: Request[] = [];
    page.on('request', (request) => {
      sent.push(request);
      if (request.url().startsWith(pipeline.userPool.endpoint) && (request.postData() ?? '').includes('REFRESH_TOKEN_AUTH')) refreshes.push(request);
    });
    // The next listing meets the gateway's 401 once, as an expired token does.
    let refused = 0;
    await page.route('**/escalations?*', async (route) => {
      if (refused > 0) return route.continue();
      refused += 1;
      await route.fulfill({ status: 401, contentType: 'application/json', body: JSON.stringify({ message: 'Unauthorized' }) });
    });
    // Another listing may be in flight (the poll), sent with the old token and answered after the
    // refresh went out: the retry is the listing sent after the refresh.
    const sentAfterRefresh = (request: Request) => refreshes.length > 0 && sent.indexOf(request) > sent.indexOf(refreshes[0]!);
    const retried = page.waitForResponse(
      (response) => response.url().includes('/escalations?') && response.status() === 200 && sentAfterRefresh(response.request()),
    );
    await page.getByRole('button', { name: 'Apply' }).click();
    // Called again with a new token from the pool, and answered: no sign-out, no "session expired".
    const retry = await retried;
    const renewed = await sessionToken(page, 'console.token');
    expect(renewed).toMatch(/^ey/);
    expect(refreshes).toHaveLength(1);
    expect(retry.request().headers()['authorization']).toBe(`Bearer ${renewed}`);
    expect(refused).toBe(1);
    expect(await page.locator('#sign-out').count()).toBe(1);
    expect(await page.textContent('#message')).not.toContain('expired');
  });

  // cognito-local has no TOTP: with `supervisorMfa: 'required'` on AWS the pool answers these
  // challenges, replayed here as Cognito's JSON answers them, ending in a real token of the pipeline.
  const replayPool = async (page: Page, answers: Record<string, (body: Record<string, unknown>) => [number, unknown]>) => {
    const calls: { target: string; body: Record<string, unknown> }[] = [];
    await page.route(
      (url) => url.href.startsWith(pipeline.userPool.endpoint),
      async (route) => {
        const target = (route.request().headers()['x-amz-target'] ?? '').split('.').pop()!;
        const body = JSON.parse(route.request().postData() ?? '{}') as Record<string, unknown>;
        calls.push({ target, body });
        const [status, answer] = Object.hasOwn(answers, target) ? answers[target]!(body) : [400, { __type: 'InvalidParameterException', message: target }];
        await route.fulfill({ status, contentType: 'application/x-amz-json-1.1', body: JSON.stringify(answer) });
      },
    );
    return calls;
  };
  const signedInAnswer = (userId: string) => ({
    AuthenticationResult: { IdToken: pipeline.supervisorTokens[userId], RefreshToken: 'refresh-1', ExpiresIn: 3600 },
  });

  it('sets up an authenticator app when the pool requires one, refusing a wrong code, then signs in', async ({ task }) => {
    const page = await openConsole('en-GB');
    const calls = await replayPool(page, {
      InitiateAuth: () => [200, { ChallengeName: 'MFA_SETUP', Session: 'session-1', ChallengeParameters: { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' } }],
      AssociateSoftwareToken: () => [200, { SecretCode: 'JBSWY3DPEHPK3PXP', Session: 'session-2' }],
      VerifySoftwareToken: (body) =>
        body['UserCode'] === '123456'
          ? [200, { Status: 'SUCCESS', Session: 'session-3' }]
          : [400, { __type: 'CodeMismatchException', message: 'Invalid code' }],
      RespondToAuthChallenge: () => [200, signedInAnswer('sup-general-ana')],
    });
    await fillSignIn(page, 'sup-general-ana', 'Any-Passw0rd!');
    await expect.poll(() => page.locator('#mfa-secret').textContent()).toBe('JBSWY3DPEHPK3PXP');
    expect(await page.getAttribute('#mfa-link', 'href')).toBe(
      'otpauth://totp/Supervisor%20console:sup-general-ana?secret=JBSWY3DPEHPK3PXP&issuer=Supervisor%20console',
    );
    await screenshot(page, task.name, '1-set-up');
    await page.getByLabel('Six-digit code').fill('654321');
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await expect.poll(() => page.textContent('#message')).toBe('That code is wrong or has expired: enter the code the app shows now.');
    await page.getByLabel('Six-digit code').fill('123456');
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await expect.poll(() => page.textContent('.who'), { timeout: 10_000 }).toBe('Signed in as Ana Lima');
    // Each step carried the session the one before gave, and the set-up ended the MFA_SETUP challenge.
    expect(calls.map(({ target }) => target)).toEqual([
      'InitiateAuth',
      'AssociateSoftwareToken',
      'VerifySoftwareToken',
      'VerifySoftwareToken',
      'RespondToAuthChallenge',
    ]);
    expect(calls[1]!.body).toMatchObject({ Session: 'session-1' });
    expect(calls[3]!.body).toMatchObject({ Session: 'session-2', UserCode: '123456' });
    expect(calls[4]!.body).toMatchObject({ ChallengeName: 'MFA_SETUP', Session: 'session-3', ChallengeResponses: { USERNAME: 'sup-general-ana' } });
  });

  it('asks an account with an authenticator app for its code, in Japanese', async ({ task }) => {
    const page = await openConsole('ja-JP');
    const calls = await replayPool(page, {
      InitiateAuth: () => [200, { ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 'session-1', ChallengeParameters: {} }],
      RespondToAuthChallenge: () => [200, signedInAnswer('sup-japan-yui')],
    });
    await fillSignIn(page, 'sup-japan-yui', 'Any-Passw0rd!');
    await expect.poll(() => page.locator('#sign-in h2').textContent()).toBe('認証アプリのコードを入力');
    await screenshot(page, task.name, '1-code-ja');
    await page.getByLabel('6 桁のコード').fill('246810');
    await page.getByRole('button', { name: '確認してサインイン' }).click();
    await expect.poll(() => page.locator('.who').count(), { timeout: 10_000 }).toBe(1);
    expect(calls[1]!.body).toMatchObject({
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: 'session-1',
      ChallengeResponses: { USERNAME: 'sup-japan-yui', SOFTWARE_TOKEN_MFA_CODE: '246810' },
    });
  });
});
