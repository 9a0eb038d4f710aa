import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { DynamoDbEscalationStore } from '../../functions/escalation/adapters/dynamodb-escalation-store.ts';
import { validComplaint } from '../helpers/submissions.ts';
import { connectTo, eventually } from '../integration/helpers/pipeline-connection.ts';
import { screenshot, seriousViolations, signInToConsole, useChromium } from './chromium.ts';

const pipeline = inject('pipeline');
const api = connectTo(pipeline);
const local = { endpoint: pipeline.dynamodbEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
const dynamodb = new DynamoDBClient(local);
const store = new DynamoDbEscalationStore(dynamodb, pipeline.tableName);

const chromium = useChromium();
// What the page shows after an action comes from its reload (the queue, then the detail): on a busy 2-core machine that can take seconds.
const RELOAD = { timeout: 10_000 };

/**
 * A complaint filed through the API in Japanese: the complaint consumer stores it and opens its
 * escalation (id = the complaint's id) in one transaction, routed to japan-support by the rules.
 */
const escalatedComplaint = async () => {
  const filed = await api.postJson('/complaints', validComplaint({ locale: 'ja' }));
  expect(filed.status).toBe(202);
  const { complaintId, reference, statusUrl } = filed.json as { complaintId: string; reference: string; statusUrl: string };
  const escalation = await eventually(() => store.get(complaintId), 15_000, 'the escalation the complaint consumer opens');
  expect(escalation.team).toBe('japan-support');
  return { complaintId, reference, statusUrl, escalation };
};

const openPage = (locale: string, options: { bypassCSP?: boolean } = {}) =>
  chromium.openPage({ locale, timezoneId: 'Asia/Tokyo', bypassCSP: options.bypassCSP ?? false });

describe('the supervisor console in Chromium', () => {
  it('takes a supervisor from sign-in through claim, note and resolve, and the complainant sees it resolved in Japanese', async ({ task }) => {
    const { reference, statusUrl, escalation } = await escalatedComplaint();
    const page = await openPage('en-GB');
    await page.goto(`${pipeline.apiUrl}/console`);
    await screenshot(page, task.name, '1-sign-in');
    await signInToConsole(page, pipeline, 'sup-japan-haruto');
    const row = page.locator(`button[data-id="${escalation.id}"]`);
    await expect.poll(() => row.count(), RELOAD).toBe(1);
    expect(await row.textContent()).toBe(reference);
    expect(await page.locator(`tr:has(button[data-id="${escalation.id}"]) .kind`).textContent()).toBe('Complaint');
    // An en-GB browser reads dates day first, on a 24-hour clock (not the US 12/10/26, 5:00 AM).
    expect(await page.locator(`tr:has(button[data-id="${escalation.id}"]) td small`).first().textContent()).toMatch(/^\d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}$/);
    await screenshot(page, task.name, '2-queue');

    await row.click();
    await expect.poll(() => page.textContent('#detail-heading'), RELOAD).toBe(`Escalation ${reference}`);
    // Labels, not slugs: the category and the customer's tier in the viewer's language.
    expect(await page.textContent('#detail')).toContain('Slow response');
    expect(await page.textContent('#detail')).not.toContain('slow-response');
    // What the complainant wrote is in front of the supervisor, as text.
    expect(await page.textContent('#complaint-description')).toBe(validComplaint().description);
    // Only what this supervisor may do next, the next step as the one primary button.
    expect(await page.locator('.actions button.primary').allTextContents()).toEqual(['Claim']);
    expect(await page.getByRole('button', { name: 'Reassign' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Claim' }).click();
    await expect.poll(() => page.textContent('#message'), RELOAD).toBe('Claimed.');
    // Claimed: Claim is gone and acknowledging is the next step.
    await expect.poll(() => page.getByRole('button', { name: 'Claim' }).count(), RELOAD).toBe(0);
    expect(await page.locator('.actions button.primary').allTextContents()).toEqual(['Acknowledge']);
    // The history reads as sentences, not as the audit trail's slugs.
    const history = await page.locator('.history li').allTextContents();
    expect(history[0]).toMatch(/Opened by the escalation rules: severity \w+, for japan-support, assigned to Haruto Sato at level 1\.$/);
    expect(history.at(-1)).toMatch(/Haruto Sato claimed it\.$/);
    await screenshot(page, task.name, '3-claimed');

    await page.getByLabel('Note', { exact: true }).fill('Called the customer <b>back</b>; \u202Etxt.exe');
    await page.getByRole('button', { name: 'Add note' }).click();
    await expect.poll(() => page.textContent('#message'), RELOAD).toBe('Note added.');
    // Markup stays text and the override is shown, not obeyed.
    await expect.poll(() => page.locator('.notes li p').first().textContent(), RELOAD).toBe('Called the customer <b>back</b>; <U+202E>txt.exe');
    expect(await page.locator('.notes b').count()).toBe(0);
    await screenshot(page, task.name, '4-noted');

    const resolution = 'ルーターの設定を修正し、接続が回復したことを確認しました。';
    await page.getByLabel('Resolution text (sent to the complainant)').fill(resolution);
    await page.getByRole('button', { name: 'Resolve' }).click();
    await expect.poll(() => page.textContent('#message'), RELOAD).toBe('Resolved.');
    await screenshot(page, task.name, '5-resolved');
    // Switching the language translates what is already on the page, the banner too.
    await page.selectOption('#language', 'ja');
    await expect.poll(() => page.textContent('#message'), RELOAD).toBe('解決済みにしました。');
    await screenshot(page, task.name, '5-resolved-ja');
    const resolved = await store.get(escalation.id);
    expect(resolved).toMatchObject({ status: 'resolved', resolution });

    const status = await openPage('ja-JP');
    const opened = await status.goto(statusUrl);
    expect(opened?.status()).toBe(200);
    expect(opened?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(await status.getAttribute('html', 'lang')).toBe('ja');
    expect(await status.textContent('#reference')).toBe(reference);
    expect(await status.textContent('#status')).toBe('解決済み');
    expect(await status.textContent('#resolution')).toBe(resolution);
    expect(await status.textContent('body')).not.toContain('sup-japan-haruto');
    expect(await status.textContent('body')).not.toContain('Called the customer');
    await screenshot(status, task.name, '6-status-page-ja');
    // API clients keep the JSON, which now carries the resolution too.
    const json = await api.request('GET', statusUrl.slice(pipeline.apiUrl.length), { headers: { accept: 'application/json' } });
    expect(Object.keys(json.json).sort()).toEqual(['acceptedAt', 'category', 'receivedAt', 'reference', 'resolution', 'resolvedAt', 'status']);
  });

  it('tells a second supervisor who claimed it first, then offers them only what they may still do', async ({ task }) => {
    const { escalation } = await escalatedComplaint();
    const page = await openPage('ja-JP');
    await signInToConsole(page, pipeline, 'sup-japan-yui', `#escalation=${escalation.id}`);
    await expect.poll(() => page.locator('#detail-heading').count(), RELOAD).toBe(1);
    expect(await page.getAttribute('html', 'lang')).toBe('ja');
    expect((await page.locator('.history li').first().textContent()) ?? '').toContain('エスカレーションルールにより作成');
    // Opened from the email's link: the detail is in view, not below the queue.
    await expect.poll(() => page.evaluate("Math.round(document.getElementById('detail-heading').getBoundingClientRect().top)"), RELOAD).toBeLessThan(200);
    // Haruto claims it while Yui has it open: her Claim button is now out of date.
    expect(
      (await store.applyAction(escalation.id, { type: 'claim' }, { id: 'sup-japan-haruto', role: 'supervisor', teams: ['japan-support'] }, new Date()))
        .escalation.status,
    ).toBe('claimed');
    await page.getByRole('button', { name: '担当する' }).click();
    // The reason shows where she acted, not in the banner at the top of the page.
    await expect.poll(() => page.textContent('#action-refusal'), RELOAD).toBe('Haruto Sato さんがすでに担当しています。');
    expect(await page.evaluate("document.getElementById('action-refusal').closest('.actions') !== null")).toBe(true);
    await screenshot(page, task.name, '1-conflict');
    // The detail reloads with what the API says she may do now: add a note, nothing else.
    await expect.poll(() => page.getByRole('button', { name: '担当する' }).count(), RELOAD).toBe(0);
    expect(await page.locator('.actions button').count()).toBe(1);
    expect(await page.locator('.actions button.primary').count()).toBe(0);
    await page.selectOption('#language', 'en');
    expect(await page.locator('.actions button').allTextContents()).toEqual(['Add note']);
    expect(await page.textContent('#action-refusal')).toBe('Already claimed by Haruto Sato.');
    await screenshot(page, task.name, '2-after-conflict-en');
  });

  it('lets a lead reassign to a member of the team chosen by name, and shows people by name', async ({ task }) => {
    const { escalation } = await escalatedComplaint();
    const page = await openPage('en-GB');
    await signInToConsole(page, pipeline, 'lead-japan-kenji', `#escalation=${escalation.id}`);
    await expect.poll(() => page.locator('#detail-heading').count(), RELOAD).toBe(1);
    // The team's members by name (the assignee left out), not a field to type a user id into.
    const offered = await page.locator('#reassign-to option').allTextContents();
    const other = escalation.assignee === 'sup-japan-yui' ? 'sup-japan-haruto' : 'sup-japan-yui';
    const otherName = other === 'sup-japan-yui' ? 'Yui Tanaka' : 'Haruto Sato';
    expect(offered).toEqual(expect.arrayContaining([`${otherName} (${other})`, 'Kenji Watanabe (lead-japan-kenji)']));
    expect(offered.some((option) => option.includes(escalation.assignee))).toBe(false);
    await page.selectOption('#reassign-to', other);
    await page.getByRole('button', { name: 'Reassign' }).click();
    await expect.poll(() => page.textContent('#message'), RELOAD).toBe('Reassigned.');
    await expect.poll(async () => (await page.textContent('#detail')) ?? '', RELOAD).toContain(`Assignee${otherName}`);
    expect(await page.textContent(`tr:has(button[data-id="${escalation.id}"])`)).toContain(otherName);
    expect(await page.locator('.history li').last().textContent()).toContain(`Kenji Watanabe reassigned it from`);
    await screenshot(page, task.name, '1-reassigned-by-name');
  });

  it("lets a lead move an escalation to another team's member by name: it leaves the lead's queue, and the history says so", async ({ task }) => {
    const { escalation } = await escalatedComplaint();
    const page = await openPage('en-GB');
    await signInToConsole(page, pipeline, 'lead-japan-kenji', `#escalation=${escalation.id}`);
    await expect.poll(() => page.locator('#detail-heading').count(), RELOAD).toBe(1);
    expect(await page.locator('#move-team option').allTextContents()).toEqual(expect.arrayContaining(['Choose a team', 'cloud-platform', 'general-support']));
    expect(await page.locator('#move-team option').allTextContents()).not.toContain('japan-support');
    // The member list follows the team chosen, by name.
    expect(await page.locator('#move-to').isDisabled()).toBe(true);
    await page.selectOption('#move-team', 'cloud-platform');
    expect(await page.locator('#move-to option').allTextContents()).toEqual(
      expect.arrayContaining(['Dev Patel (sup-cloud-dev)', 'Femi Adeyemi (lead-cloud-femi)']),
    );
    await page.selectOption('#move-to', 'sup-cloud-dev');
    await screenshot(page, task.name, '1-move-chosen');
    await page.getByRole('button', { name: 'Move', exact: true }).click();
    await expect.poll(() => page.textContent('#message'), RELOAD).toBe('Moved to cloud-platform.');
    // No longer his team's: the detail closes and the row leaves his queue.
    expect(await page.locator('#detail-heading').count()).toBe(0);
    await expect.poll(() => page.locator(`button[data-id="${escalation.id}"]`).count(), RELOAD).toBe(0);
    await screenshot(page, task.name, '2-moved');

    const femi = await openPage('en-GB');
    await signInToConsole(femi, pipeline, 'lead-cloud-femi', `#escalation=${escalation.id}`);
    await expect.poll(() => femi.locator('.history li').count(), RELOAD).toBeGreaterThan(1);
    expect(await femi.locator('.history li').last().textContent()).toMatch(/Kenji Watanabe moved it from japan-support to cloud-platform, to Dev Patel\.$/);
    expect(await store.get(escalation.id)).toMatchObject({ team: 'cloud-platform', assignee: 'sup-cloud-dev' });
  });

  it("shows why a reassign was refused beside the Reassign button, in the API's terms", async ({ task }) => {
    const { escalation } = await escalatedComplaint();
    const page = await openPage('en-GB');
    await signInToConsole(page, pipeline, 'lead-japan-kenji', `#escalation=${escalation.id}`);
    await expect.poll(() => page.locator('#detail-heading').count(), RELOAD).toBe(1);
    // The directory changed after the page loaded: the API refuses the member it offered (its rule is tested in the integration suite).
    await page.route('**/reassign', (route) =>
      route.fulfill({
        status: 400,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'not_a_team_member', message: 'not a member' } }),
      }),
    );
    await page.selectOption('#reassign-to', { index: 1 });
    await page.getByRole('button', { name: 'Reassign' }).click();
    const chosen = (await page.locator('#reassign-to option:checked').textContent())!.replace(/ \(.*\)$/, '');
    await expect.poll(() => page.textContent('#action-refusal'), RELOAD).toBe(`${chosen} is not a supervisor or lead of this team.`);
    expect(await page.evaluate("document.getElementById('action-refusal').previousElementSibling.id")).toBe('action-reassign');
    await screenshot(page, task.name, '1-reassign-refused');
  });

  it('tells a supervisor of another team politely that they cannot open it', async ({ task }) => {
    const { escalation } = await escalatedComplaint();
    const page = await openPage('en-US');
    await signInToConsole(page, pipeline, 'sup-cloud-dev', `#escalation=${escalation.id}`);
    await expect.poll(() => page.textContent('#message'), RELOAD).toBe('You cannot open this escalation: it belongs to another team.');
    expect(await page.locator(`button[data-id="${escalation.id}"]`).count()).toBe(0);
    expect(await page.locator('#detail-heading').count()).toBe(0);
    await screenshot(page, task.name, '1-forbidden');
  });

  it("shows another supervisor's new escalation without a reload (polling)", async ({ task }) => {
    const page = await openPage('en-US');
    await signInToConsole(page, pipeline, 'lead-japan-kenji');
    await screenshot(page, task.name, '1-before');
    const { escalation } = await escalatedComplaint();
    await expect.poll(() => page.locator(`button[data-id="${escalation.id}"]`).count(), { timeout: 15_000, interval: 500 }).toBe(1);
    await screenshot(page, task.name, '2-appeared');
  });

  it('fits a phone and has no serious or critical accessibility violations (axe-core)', async ({ task }) => {
    const { escalation, statusUrl } = await escalatedComplaint();
    // axe runs as an injected script, which the pages' CSP rightly forbids: these contexts bypass it.
    const page = await openPage('ja-JP', { bypassCSP: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${pipeline.apiUrl}/console`);
    await page.locator('#sign-in-form').waitFor();
    const violations = await seriousViolations(page);
    await signInToConsole(page, pipeline, 'sup-japan-haruto');
    await page.locator(`button[data-id="${escalation.id}"]`).click();
    await expect.poll(() => page.locator('#detail-heading').count(), RELOAD).toBe(1);
    violations.push(...(await seriousViolations(page)));
    await screenshot(page, task.name, '1-console-phone');
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth + 1')).toBe(true);
    const status = await openPage('ja-JP', { bypassCSP: true });
    await status.goto(statusUrl);
    violations.push(...(await seriousViolations(status)));
    await screenshot(status, task.name, '2-status-page');
    expect(violations).toEqual([]);
  });

  it('serves the console with its CSP, and blocks script the console did not ship', async () => {
    const page = await openPage('en-US');
    const response = await page.goto(`${pipeline.apiUrl}/console`);
    const headers = response!.headers();
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
    const blocked = page.waitForEvent('console', (message) => /Content Security Policy/i.test(message.text()));
    await page.evaluate("const script = document.createElement('script'); script.textContent = 'document.title = \"injected\"'; document.head.append(script);");
    await blocked;
    expect(await page.title()).not.toBe('injected');
  });
});
