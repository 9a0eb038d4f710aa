import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { surveyEscalationReference } from '../../functions/intake/core/complaint-reference.ts';
import { surveyResponseId } from '../../functions/surveys/core/record-survey-answer.ts';
import { sendInvitation } from '../helpers/survey-invitations.ts';
import { mailAndSchedules } from '../integration/helpers/mail-and-schedules.ts';
import { connectTo, eventually } from '../integration/helpers/pipeline-connection.ts';
import { screenshot, seriousViolations, signInToConsole, useChromium } from './chromium.ts';

const pipeline = inject('pipeline');
const api = connectTo(pipeline);
const world = { ...pipeline, dynamodb: api.dynamodb };

const { openPage } = useChromium();

/** A premium Japanese customer's case of the Japan team, handled by `sup-japan-haruto`: the escalation goes to `sup-japan-yui`. */
const premiumJapanCase = { tier: 'premium', region: 'jp', product: 'Router X', team: 'japan-support', agentId: 'sup-japan-haruto' } as const;
const comment = 'まだ直っていません <b>全く</b> \u202Etxt.exe';

/** The text of each term of the description list under `scope`, as a supervisor reads them. */
const factsIn = (page: Page, scope: string) =>
  page.$$eval(`${scope} dl > div`, (rows) =>
    Object.fromEntries(rows.map((row) => [row.querySelector('dt')?.textContent, row.querySelector('dd')?.textContent])),
  );

describe('a survey escalation in the supervisor console, in Chromium', () => {
  it('takes a CSAT of 1 confirmed on the survey page to a supervisor who reads the answer, claims and resolves it', async ({ task }) => {
    const sent = await sendInvitation(world, { locale: 'ja', caseContext: premiumJapanCase });
    const responseId = surveyResponseId(sent.invitation.invitationId);
    const reference = surveyEscalationReference(responseId);

    // The customer confirms a 1 on the survey page, with markup and a right-to-left override in the comment.
    const survey = await openPage({ locale: 'ja-JP' });
    await survey.goto(sent.surveyUrl());
    await survey.locator('#score-1').check();
    await survey.getByLabel('解決').check();
    await survey.getByLabel('対応の速さ').check();
    await survey.getByLabel('その他ご意見があればお聞かせください（任意）').fill(comment);
    await screenshot(survey, task.name, '1-survey-answered');
    await survey.getByRole('button', { name: '送信' }).click();
    await expect.poll(() => survey.textContent('h1')).toBe('ありがとうございました');
    await eventually(() => api.getItem(`ESCALATION#${responseId}`, 'ESCALATION'), 20_000, 'the escalation the answer consumer opens');

    const page = await openPage({ locale: 'en-GB', timezoneId: 'Asia/Tokyo' });
    await signInToConsole(page, pipeline, 'sup-japan-yui');
    const row = page.locator(`button[data-id="${responseId}"]`);
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toBe(reference);
    expect(reference).toMatch(/^CSAT-/);
    // The kind is a word in its own column, for the eye and for a screen reader's column heading alike.
    expect(await page.locator(`tr:has(button[data-id="${responseId}"]) .kind`).textContent()).toBe('Low survey score');
    expect(await page.locator('#queue-table thead th').allTextContents()).toContain('Kind');
    await screenshot(page, task.name, '2-queue');

    await row.click();
    await expect.poll(() => page.textContent('#detail-heading')).toBe(`Escalation ${reference}`);
    expect(await factsIn(page, '#detail')).toMatchObject({ Reference: reference, Kind: 'Low survey score', Severity: 'High', Assignee: 'Yui Tanaka' });
    const answer = page.getByRole('region', { name: 'Survey answer' });
    expect(await answer.count()).toBe(1);
    expect(await factsIn(page, '.survey-answer')).toEqual({
      Score: '1 of 5',
      'Reasons ticked': 'Speed and Resolution',
      Case: sent.caseId,
      Answered: expect.stringMatching(/\d{4}/),
    });
    // Markup stays text and the override is shown, not obeyed.
    expect(await page.textContent('#survey-comment')).toBe('まだ直っていません <b>全く</b> <U+202E>txt.exe');
    expect(await page.locator('.survey-answer b').count()).toBe(0);
    expect(await page.locator('#complaint-description').count()).toBe(0);
    // Not claimed yet: resolving is not hers to do, so the console does not offer it.
    expect(await page.getByRole('button', { name: 'Resolve' }).count()).toBe(0);
    expect(await page.textContent('#detail')).not.toContain('complainant');
    // Neither the absent complaint nor anything else shows as "undefined".
    expect(await page.textContent('#detail')).not.toContain('undefined');
    await screenshot(page, task.name, '3-detail');

    // The answer counts for the agent until a supervisor of the team says it is about the product.
    expect(await page.textContent('#about-product')).toBe('Counted in the agent’s figures.');
    await page.getByRole('button', { name: 'About the product, not the agent' }).click();
    await expect.poll(() => page.textContent('#message')).toBe('Marked about the product: it leaves the agent’s figures.');
    await expect.poll(() => page.textContent('#about-product')).toContain('Marked about the product, not the agent');
    expect(await api.getItem(`INVITATION#${sent.invitation.invitationId}`, 'RESPONSE')).toMatchObject({
      aboutProductNotAgent: true,
      aboutProductMarkedBy: 'sup-japan-yui',
    });
    await screenshot(page, task.name, '3b-about-the-product');

    await page.getByRole('button', { name: 'Claim' }).click();
    await expect.poll(() => page.textContent('#message')).toBe('Claimed.');
    // The customer asked for nothing: the resolution is the team's record, and the console says so.
    await expect.poll(() => page.getByLabel('Resolution text (recorded for the team only: the customer is not sent it)').count()).toBe(1);
    await screenshot(page, task.name, '4-claimed');
    const resolution = 'Called the customer back and replaced the router.';
    await page.getByLabel('Resolution text (recorded for the team only: the customer is not sent it)').fill(resolution);
    await page.getByRole('button', { name: 'Resolve' }).click();
    await expect.poll(() => page.textContent('#message')).toBe('Resolved.');
    await expect.poll(async () => (await factsIn(page, '#detail'))['Status']).toBe('Resolved');
    await screenshot(page, task.name, '5-resolved');
    // Without the actions, nothing shows as "undefined" in their place.
    expect(await page.textContent('#detail')).not.toContain('undefined');
    expect(await api.getItem(`ESCALATION#${responseId}`, 'ESCALATION')).toMatchObject({ status: 'resolved', resolution, claimedBy: 'sup-japan-yui' });
  });

  it('shows the answer in Japanese and English with no serious or critical accessibility violations (axe-core)', async ({ task }) => {
    const sent = await sendInvitation(world, { locale: 'ja', caseContext: premiumJapanCase });
    const responseId = surveyResponseId(sent.invitation.invitationId);
    expect((await api.postJson(sent.surveyPath(), { csat: 1, reasons: ['courtesy'], comment })).status).toBe(202);
    await eventually(() => api.getItem(`ESCALATION#${responseId}`, 'ESCALATION'), 20_000, 'the escalation the answer consumer opens');
    // The link in yui's email is what opens it: a console that did not read its form would show the queue.
    const assigned = await mailAndSchedules(pipeline).emailTo('yui.tanaka@example.com', new RegExp(surveyEscalationReference(responseId)));
    const emailLink = new URL(/https?:\/\/\S+\/console#\S+/.exec(assigned.body.text ?? '')?.[0] ?? 'http://missing/console');

    // Yui has claimed it, so the console offers her the resolution field too.
    const claimed = await api.request('POST', `/escalations/${responseId}/claim`, {
      headers: { authorization: `Bearer ${pipeline.supervisorTokens['sup-japan-yui']}` },
    });
    expect(claimed.status).toBe(200);
    // axe runs as an injected script, which the console's CSP rightly forbids: this context bypasses it.
    const page = await openPage({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo', bypassCSP: true });
    await signInToConsole(page, pipeline, 'sup-japan-yui', emailLink.hash);
    const heading = page.locator('#survey-answer-heading');
    await expect.poll(() => heading.count()).toBe(1);
    expect(await heading.textContent()).toBe('アンケートの回答');
    expect(await factsIn(page, '.survey-answer')).toMatchObject({ 評価: '5段階中 1', 選択された理由: '丁寧さ' });
    expect(await factsIn(page, '#detail')).toMatchObject({ 種別: 'アンケートの低評価' });
    expect(await page.getByLabel('解決内容（チーム内の記録のみ。お客様には送信されません）').count()).toBe(1);
    const violations = await seriousViolations(page);
    await screenshot(page, task.name, '1-detail-ja');

    await page.selectOption('#language', 'en');
    await expect.poll(() => heading.textContent()).toBe('Survey answer');
    expect(await factsIn(page, '.survey-answer')).toMatchObject({ Score: '1 of 5', 'Reasons ticked': 'Courtesy' });
    violations.push(...(await seriousViolations(page)));
    await screenshot(page, task.name, '2-detail-en');
    expect(violations).toEqual([]);
  });
});
