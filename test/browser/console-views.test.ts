import { AdminCreateUserCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { DynamoDbEscalationStore } from '../../functions/escalation/adapters/dynamodb-escalation-store.ts';
import { localClientConfig } from '../../local/emulators/local-aws.ts';
import { validComplaint } from '../helpers/submissions.ts';
import { connectTo, eventually } from '../integration/helpers/pipeline-connection.ts';
import { screenshot, seriousViolations, signInToConsole, useChromium } from './chromium.ts';

const pipeline = inject('pipeline');
const chromium = useChromium();
const cognito = new CognitoIdentityProviderClient(localClientConfig(pipeline.userPool.endpoint));
const store = new DynamoDbEscalationStore(new DynamoDBClient(localClientConfig(pipeline.dynamodbEndpoint)), pipeline.tableName);
afterAll(() => cognito.destroy());

// Every view of the console, once in each language, in the tests' output folder (test-results/browser/).
describe.each([
  {
    locale: 'en-GB',
    lang: 'en',
    signIn: 'Sign in',
    newPassword: 'Choose a new password',
    forgot: 'Reset your password',
    detail: 'Escalation',
    accounts: 'People and accounts',
    holidays: 'Holiday calendars',
  },
  {
    locale: 'ja-JP',
    lang: 'ja',
    signIn: 'サインイン',
    newPassword: '新しいパスワードの設定',
    forgot: 'パスワードの再設定',
    detail: 'エスカレーション',
    accounts: 'メンバーとアカウント',
    holidays: '休日カレンダー',
  },
])('every console view in $lang', ({ locale, lang, signIn, newPassword, forgot, detail, accounts, holidays }) => {
  const openPage = async () => {
    const page = await chromium.openPage({ locale, timezoneId: lang === 'ja' ? 'Asia/Tokyo' : 'Europe/London' });
    await page.goto(`${pipeline.apiUrl}/console`);
    await page.locator('#sign-in-form').waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    return page;
  };

  it('shows the sign-in, forgotten-password and first-sign-in views', async ({ task }) => {
    const page = await openPage();
    expect(await page.textContent('h2')).toBe(signIn);
    await screenshot(page, task.name, `${lang}-1-sign-in`);
    await page.locator('#forgot-password').click();
    expect(await page.textContent('h2')).toBe(forgot);
    await screenshot(page, task.name, `${lang}-2-forgot-password`);
    await page.locator('#user-name').fill('lead-japan-kenji');
    await page.locator('#forgot-form button[type=submit]').click();
    await page.locator('#reset-form').waitFor();
    await screenshot(page, task.name, `${lang}-3-reset-password`);
    await page.locator('#back-to-sign-in').click();

    // An account as an admin leaves it: its first sign-in asks for a password of its own.
    const userName = `view-first-day-${lang}`;
    await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: pipeline.userPool.poolId,
        Username: userName,
        TemporaryPassword: 'Temporary-Passw0rd!',
        MessageAction: 'SUPPRESS',
        UserAttributes: [{ Name: 'email', Value: `${userName}@example.com` }],
      }),
    );
    await page.locator('#user-name').fill(userName);
    await page.locator('#password').fill('Temporary-Passw0rd!');
    await page.locator('#sign-in-form button[type=submit]').click();
    await page.locator('#new-password-form').waitFor();
    expect(await page.textContent('h2')).toBe(newPassword);
    await screenshot(page, task.name, `${lang}-4-new-password`);
  });

  it('shows the overview, queue and an escalation with its history and actions', async ({ task }) => {
    const filed = await connectTo(pipeline).postJson('/complaints', validComplaint({ locale: 'ja' }));
    const { complaintId } = filed.json as { complaintId: string };
    await eventually(() => store.get(complaintId), 15_000, 'the escalation of the complaint');
    const page = await chromium.openPage({ locale, timezoneId: lang === 'ja' ? 'Asia/Tokyo' : 'Europe/London' });
    await signInToConsole(page, pipeline, 'lead-japan-kenji', `#escalation=${complaintId}`);
    await expect.poll(() => page.textContent('#detail-heading')).toContain(detail);
    expect(await page.locator('.history li').count()).toBeGreaterThan(0);
    expect(await page.locator('.actions button').count()).toBeGreaterThan(0);
    await screenshot(page, task.name, `${lang}-5-overview-queue-detail`);
  });

  it("shows an admin's people by team, their accounts and the holiday calendars, with no serious accessibility finding", async ({ task }) => {
    const page = await chromium.openPage({ locale, timezoneId: lang === 'ja' ? 'Asia/Tokyo' : 'Europe/London', bypassCSP: true });
    await signInToConsole(page, pipeline, 'admin-grace');
    await expect.poll(() => page.textContent('#accounts-heading'), { timeout: 10_000 }).toBe(accounts);
    await expect.poll(() => page.textContent('#holidays-heading'), { timeout: 10_000 }).toBe(holidays);
    expect(await page.locator('#account-team option').allTextContents()).toEqual(['cloud-platform', 'general-support', 'japan-support']);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, task.name, `${lang}-6-admin-people-accounts-holidays`);
  });
});
