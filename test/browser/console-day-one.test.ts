import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { DynamoDbEscalationStore } from '../../functions/escalation/adapters/dynamodb-escalation-store.ts';
import { DIRECTORY_MAX_AGE_MS } from '../../functions/escalation/wiring/current-directory.ts';
import { aReference, anEscalation } from '../helpers/escalation-fixtures.ts';
import { adminCommandOn } from '../integration/helpers/admin-command.ts';
import { mailAndSchedules } from '../integration/helpers/mail-and-schedules.ts';
import { screenshot, useChromium } from './chromium.ts';

const pipeline = inject('pipeline');
const chromium = useChromium();
const store = new DynamoDbEscalationStore(
  new DynamoDBClient({ endpoint: pipeline.dynamodbEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
  pipeline.tableName,
);
const { emailTo, fireSchedule } = mailAndSchedules(pipeline);
const RELOAD = { timeout: 10_000 };

/** The command docs/deploy.md runs for the first admin. */
const admin = adminCommandOn(pipeline);

/** The temporary password Cognito (here the local pool, through the local SES) emails a new account. */
const temporaryPasswordOf = async (address: string) => {
  const invitation = await emailTo(address, /temporary password/i);
  const password = /temporary password is (\S+)\.$/.exec(invitation.body.text ?? '')?.[1];
  expect(password, invitation.body.text).toBeDefined();
  return password!;
};

/** A first sign-in as on AWS: the temporary password, then the new-password challenge the console answers. */
const firstSignIn = async (page: Page, userName: string, temporary: string, chosen: string) => {
  await page.goto(`${pipeline.apiUrl}/console`);
  await page.locator('#user-name').fill(userName);
  await page.locator('#password').fill(temporary);
  await page.locator('#sign-in-form button[type=submit]').click();
  await page.locator('#new-password-form').waitFor();
  await page.locator('#new-password').fill(chosen);
  await page.locator('#repeat-password').fill(chosen);
  await page.locator('#new-password-form button[type=submit]').click();
  await page.locator('#sign-out').waitFor();
};

describe('day one, from the console', () => {
  it('the first admin signs in through the challenge and adds a supervisor, who signs in through hers, claims her escalation and gets its SLA warning', async ({
    task,
  }) => {
    // The first admin comes from the command, as the deploy guide has it: nobody can sign in to create them.
    const created = await admin('create-user admin-olu --email olu.bakare@example.com --name "Olu Bakare" --role admin');
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    const admins = await chromium.openPage({ locale: 'en-GB', timezoneId: 'Europe/London' });
    await firstSignIn(admins, 'admin-olu', await temporaryPasswordOf('olu.bakare@example.com'), 'Olu-Admin-Day-1!');
    expect(await admins.textContent('.who')).toBe('Signed in as Olu Bakare');

    // The admin adds Noor to cloud-platform from the console.
    await expect.poll(() => admins.locator('#accounts-heading').textContent(), RELOAD).toBe('People and accounts');
    await admins.getByLabel('User name (lower case, digits, hyphens: sup-japan-mei)').fill('sup-cloud-noor');
    await admins.getByLabel('Full name').fill('Noor Haddad');
    await admins.getByLabel('Email address').fill('noor.haddad@example.com');
    await admins.getByLabel('Role').selectOption('supervisor');
    await admins.locator('#account-team').selectOption('cloud-platform');
    await screenshot(admins, task.name, '1-admin-adds-noor');
    await admins.getByRole('button', { name: 'Create account' }).click();
    await expect
      .poll(() => admins.textContent('#message'), RELOAD)
      .toBe('Account created for Noor Haddad: a temporary password is on its way to noor.haddad@example.com.');
    const listedAt = Date.now();
    // The directory lists her at once: the admin's people show her last in cloud-platform, and the form is empty for the next one.
    const cloud = admins.locator('details[data-team="cloud-platform"]');
    await cloud.locator('summary').click();
    expect(await cloud.locator('article.person').last().getAttribute('data-person')).toBe('sup-cloud-noor');
    expect(await admins.locator('#account-user').inputValue()).toBe('');
    // Adding her again is refused beside the form with the API's reason, and what was typed stays.
    await admins.getByLabel('User name (lower case, digits, hyphens: sup-japan-mei)').fill('sup-cloud-noor');
    await admins.getByLabel('Full name').fill('Noor Haddad');
    await admins.getByLabel('Email address').fill('noor.haddad@example.com');
    await admins.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => admins.locator('#accounts .refusal').textContent(), RELOAD).toBe('The supervisor directory lists this user name already.');
    expect(await admins.locator('#account-user').inputValue()).toBe('sup-cloud-noor');
    await screenshot(admins, task.name, '2-added-and-refused-again');

    // Her team's escalation, from a confirmed low survey score, is assigned to her.
    const warnAt = Date.now() + 5_000;
    const escalation = anEscalation({
      team: 'cloud-platform',
      assignee: 'sup-cloud-noor',
      source: 'survey',
      warnAt: new Date(warnAt).toISOString(),
      ackDueAt: new Date(warnAt + 3_600_000).toISOString(),
    });
    const reference = aReference();
    expect(await store.create(escalation, reference)).toBe('created');

    // Noor signs in by her address with the emailed password, and meets the same challenge.
    const noor = await chromium.openPage({ locale: 'en-GB', timezoneId: 'Europe/London' });
    await firstSignIn(noor, 'noor.haddad@example.com', await temporaryPasswordOf('noor.haddad@example.com'), 'Noor-First-Day-1!');
    expect(await noor.textContent('.who')).toBe('Signed in as Noor Haddad');
    const open = noor.locator(`#queue button[data-id="${escalation.id}"]`);
    await open.waitFor(RELOAD);
    expect(await open.textContent()).toBe(reference);

    // Every function's copy of the directory lists her within a minute (DIRECTORY_MAX_AGE_MS): the
    // supervisor API before it takes her claim, the notifier before it has her address.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, listedAt + DIRECTORY_MAX_AGE_MS + 1_000 - Date.now())));
    await open.click();
    await noor.getByRole('button', { name: 'Claim' }).click();
    await expect.poll(async () => (await store.get(escalation.id))?.claimedBy, RELOAD).toBe('sup-cloud-noor');
    await screenshot(noor, task.name, '3-noor-claimed');

    // Past its warning point the SLA watcher warns her, at her address.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, warnAt - Date.now()) + 100));
    await fireSchedule(/SlaWatcherWatchSchedule/);
    await fireSchedule(/SweepSchedule/);
    const warning = await emailTo('noor.haddad@example.com', new RegExp(`Escalation ${reference}: acknowledge before`));
    expect(warning.destination.to).toEqual(['noor.haddad@example.com']);

    // Her last day: the admin disables her sign-in, which marks her away; re-enabled, she is put back to work by hand.
    await admins.locator('#account-access-person').selectOption('sup-cloud-noor');
    await admins.getByRole('button', { name: 'Disable sign-in' }).click();
    await expect.poll(() => admins.textContent('#message'), RELOAD).toBe('Noor Haddad can no longer sign in and gets no new escalations.');
    const noorCard = admins.locator('#away article[data-person="sup-cloud-noor"]');
    expect(await noorCard.locator('.away-now').textContent()).toBe('Away now (marked away by an administrator) Back at work');
    await admins.locator('#account-access-person').selectOption('sup-cloud-noor');
    await admins.getByRole('button', { name: 'Enable sign-in' }).click();
    await expect.poll(() => admins.textContent('#message'), RELOAD).toBe('Noor Haddad can sign in again.');
    await noorCard.getByRole('button', { name: 'Back at work' }).click();
    await expect.poll(() => noorCard.locator('.available').textContent(), RELOAD).toBe('Available');
    await screenshot(admins, task.name, '4-disabled-enabled-back');
  }, 180_000);
});
