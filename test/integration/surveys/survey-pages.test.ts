import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { describe, expect, inject, it } from 'vitest';
import { DynamoDbCaseIntakeStore } from '../../../functions/surveys/adapters/dynamodb-case-intake-store.ts';
import { surveyResponseId } from '../../../functions/surveys/core/record-survey-answer.ts';
import { answerMessage, sendInvitation } from '../../helpers/survey-invitations.ts';
import { retainUntilOf } from '../../../functions/surveys/core/customer-survey-history.ts';
import { connectTo, eventually, QUEUES } from '../helpers/pipeline-connection.ts';

const pipeline = inject('pipeline');
const api = connectTo(pipeline);
const world = { ...pipeline, dynamodb: api.dynamodb };
const decisions = new DynamoDbCaseIntakeStore(api.dynamodb, pipeline.tableName);

const form = (fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) body.append(name, one);
  return { body: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
};

const responseOf = (invitationId: string, matching: (item: Record<string, any>) => boolean = () => true) =>
  eventually(
    async () => {
      const item = await api.getItem(`INVITATION#${invitationId}`, 'RESPONSE');
      return item && matching(item) ? item : undefined;
    },
    15_000,
    'the stored response',
  );

const escalationRequestsFor = (responseId: string) => api.itemsWhere('pk', `ESCALATION_REQUEST#${responseId}`);

describe('the survey page', () => {
  it('shows the form in the customer’s language with the page security headers', async () => {
    const sent = await sendInvitation(world, { locale: 'ja' });
    const page = await api.request('GET', sent.surveyPath(), { headers: { 'accept-language': 'en' } });

    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toMatch(
      /default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+';.*form-action 'self'; frame-ancestors 'none'; base-uri 'none'/,
    );
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.text).toContain('<html lang="ja">');
    expect(page.text).toContain('今回のサポートにどの程度満足されましたか？');
    expect(page.text).not.toContain('<script');
  });

  it('falls back to Accept-Language when the customer has no language on record', async () => {
    const sent = await sendInvitation(world);
    const page = await api.request('GET', sent.surveyPath(), { headers: { 'accept-language': 'ja-JP,en;q=0.5' } });
    expect(page.text).toContain('<html lang="ja">');
  });

  it('stores a one-click score as provisional and pre-selects it, leaving the invitation sent', async () => {
    const sent = await sendInvitation(world, { locale: 'en' });
    const page = await api.request('GET', sent.surveyPath(2));
    expect(page.status).toBe(200);
    expect(page.text).toContain('id="score-2" name="score" value="2" checked');

    const response = await responseOf(sent.invitation.invitationId);
    expect(response).toMatchObject({
      status: 'provisional',
      source: 'one_click',
      answer: { csat: 2 },
      responseId: surveyResponseId(sent.invitation.invitationId),
      // Deleted with its invitation by the table's TTL.
      expiresAt: retainUntilOf(sent.invitation.expiresAt, 730),
    });
    expect(await api.getItem(`INVITATION#${sent.invitation.invitationId}`, 'INVITATION')).toMatchObject({ state: 'sent' });
    expect((await decisions.listDecisions(sent.caseId)).map((record) => record.event)).not.toContain('answered');
  });

  it('confirms the answer posted from the form, thanks the customer, and marks the invitation answered', async () => {
    const sent = await sendInvitation(world, { locale: 'ja' });
    await api.request('GET', sent.surveyPath(4));
    await responseOf(sent.invitation.invitationId);

    const thanks = await api.request('POST', sent.surveyPath(), form({ score: '4', reasons: ['speed', 'courtesy'], ces: '6', comment: 'とても\r\n早かった' }));
    expect(thanks.status).toBe(200);
    expect(thanks.text).toContain('ありがとうございました');

    const response = await responseOf(sent.invitation.invitationId, (item) => item.status === 'confirmed');
    expect(response).toMatchObject({ source: 'page', answer: { csat: 4, ces: 6, reasons: ['speed', 'courtesy'], comment: 'とても\n早かった' } });
    // Kept 730 days (the policy's retentionDays) after the link expires, then deleted by the
    // table's TTL: the invitation, its case pointer and its response alike.
    const retainUntil = retainUntilOf(sent.invitation.expiresAt, 730);
    expect(response?.expiresAt).toBe(retainUntil);
    expect(await api.getItem(`INVITATION#${sent.invitation.invitationId}`, 'INVITATION')).toMatchObject({
      state: 'answered',
      linkExpiresAt: sent.invitation.expiresAt,
      expiresAt: retainUntil,
    });
    expect(await api.getItem(`CASE#${sent.caseId}`, 'INVITATION')).toMatchObject({ linkExpiresAt: sent.invitation.expiresAt, expiresAt: retainUntil });
    // The case pointer's only readers (a reopen, the next resolution) tell sent from cancelled, not from answered.
    expect((await decisions.cancelForReopen(sent.caseId, new Date())).kind).toBe('kept');
    expect((await decisions.listDecisions(sent.caseId)).filter((record) => record.event === 'answered')).toHaveLength(1);

    const view = await api.request('GET', sent.surveyPath(), { headers: { accept: 'application/json' } });
    expect(view.json).toMatchObject({ status: 'answered', kind: 'post_resolution', locale: 'ja', response: { status: 'confirmed', answer: { csat: 4 } } });

    // A scanner opening a rating link after the confirmed answer changes nothing.
    await api.request('GET', sent.surveyPath(1));
    await api.queueDrained(QUEUES.surveyAnswers);
    expect(await api.getItem(`INVITATION#${sent.invitation.invitationId}`, 'RESPONSE')).toMatchObject({ status: 'confirmed', answer: { csat: 4 } });
  });

  it('re-renders the form with a message when the score is missing, storing nothing', async () => {
    const sent = await sendInvitation(world, { locale: 'en' });
    const page = await api.request('POST', sent.surveyPath(), form({ comment: 'kept <b>as text</b>' }));
    expect(page.status).toBe(400);
    expect(page.text).toContain('Please choose a rating before sending.');
    expect(page.text).toContain('kept &lt;b&gt;as text&lt;/b&gt;</textarea>');
    await api.queueDrained(QUEUES.surveyAnswers);
    expect(await api.getItem(`INVITATION#${sent.invitation.invitationId}`, 'RESPONSE')).toBeUndefined();
  });

  it('answers JSON clients with 202 and the same responseId when the answer is updated', async () => {
    const sent = await sendInvitation(world);
    const first = await api.postJson(sent.surveyPath(), { csat: 3, reasons: ['knowledge'] });
    expect(first.status).toBe(202);
    expect(first.json).toEqual({ responseId: surveyResponseId(sent.invitation.invitationId) });
    await responseOf(sent.invitation.invitationId, (item) => item.answer.csat === 3);

    const second = await api.postJson(sent.surveyPath(), { csat: 5, comment: 'Better on second thought' });
    expect(second.json).toEqual(first.json);
    const response = await responseOf(sent.invitation.invitationId, (item) => item.answer.csat === 5);
    expect(response).toMatchObject({ status: 'confirmed', source: 'api', responseId: first.json.responseId });
    expect(response.firstAnsweredAt <= response.updatedAt).toBe(true);
  });

  it.each([
    ['one after another', 'sequence'],
    ['all at once', 'parallel'],
  ] as const)('logs one answered decision for ten identical answers posted %s', async (_name, how) => {
    // Prepare
    const sent = await sendInvitation(world);
    const post = () => api.postJson(sent.surveyPath(), { csat: 4, comment: 'Same answer again' });

    // Act: ten POSTs, each a message with its own submittedAt; parallel ones meet in one batch.
    const statuses: number[] = [];
    if (how === 'sequence') for (let answer = 0; answer < 10; answer++) statuses.push((await post()).status);
    else statuses.push(...(await Promise.all(Array.from({ length: 10 }, post))).map((answer) => answer.status));

    // Assess: every message is consumed (none visible or in flight) before the log is counted.
    expect(statuses).toEqual(Array(10).fill(202));
    await responseOf(sent.invitation.invitationId, (item) => item.status === 'confirmed');
    await api.queueDrained(QUEUES.surveyAnswers, 30_000);
    const answered = (await decisions.listDecisions(sent.caseId)).filter((record) => record.event === 'answered');
    expect(answered).toEqual([expect.objectContaining({ invitationId: sent.invitation.invitationId, detail: 'api' })]);
  });

  it.each([
    ['an unknown reason', { csat: 3, reasons: ['price'] }, 'reasons.0'],
    ['an out-of-range score', { csat: 6 }, 'csat'],
    ['the other survey’s score', { csat: 3, nps: 9 }, 'nps'],
    ['an unknown field', { csat: 3, mood: 'fine' }, 'mood'],
  ])('refuses %s with 400 validation_failed', async (_name, body, path) => {
    const sent = await sendInvitation(world);
    const answer = await api.postJson(sent.surveyPath(), body);
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe('validation_failed');
    expect(answer.json.error.details.map((detail: { path: string }) => detail.path)).toContain(path);
  });

  it('shows the closed page once the link expired, for the page and for JSON clients', async () => {
    const sent = await sendInvitation(world, { locale: 'ja', resolvedDaysAgo: 20 });
    const page = await api.request('GET', sent.surveyPath(), { headers: { 'accept-language': 'ja' } });
    expect(page.status).toBe(410);
    expect(page.text).toContain('このアンケートは終了しました');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");

    // A token that outlives its invitation still meets the invitation's own expiry.
    const late = `/s/${sent.lateSurveyToken}`;
    const posted = await api.request('POST', late, form({ score: '2' }));
    expect(posted.status).toBe(410);
    expect(posted.text).toContain('このアンケートは終了しました');
    const json = await api.request('GET', late, { headers: { accept: 'application/json' } });
    expect(json.status).toBe(410);
    expect(json.json).toMatchObject({ status: 'expired', kind: 'post_resolution', locale: 'ja', error: { code: 'survey_closed' } });
    expect(await api.getItem(`INVITATION#${sent.invitation.invitationId}`, 'RESPONSE')).toBeUndefined();
  });

  it('shows the invalid-link page, never a stack trace, for a tampered token', async () => {
    const sent = await sendInvitation(world);
    const tampered = sent.surveyPath().replace(/.$/, (last) => (last === 'A' ? 'B' : 'A'));
    const page = await api.request('GET', tampered, { headers: { 'accept-language': 'en' } });
    expect(page.status).toBe(404);
    expect(page.text).toContain('This link does not work');
    expect(page.text).not.toMatch(/at \w+ \(|Error:/);
    const json = await api.request('POST', tampered, { body: '{"csat":1}', headers: { 'content-type': 'application/json' } });
    expect(json.status).toBe(404);
    expect(json.json).toEqual({ error: { code: 'invalid_token', message: expect.any(String), details: [] } });
  });

  it('raises exactly one escalation request for a confirmed CSAT of 1, even when answered twice and redelivered', async () => {
    const sent = await sendInvitation(world);
    const responseId = surveyResponseId(sent.invitation.invitationId);
    // Provisional first: a one-click "1" (what a mail scanner makes) escalates nothing.
    await api.request('GET', sent.surveyPath(1));
    await responseOf(sent.invitation.invitationId);
    expect(await escalationRequestsFor(responseId)).toEqual([]);

    await api.request('POST', sent.surveyPath(), form({ score: '1', reasons: 'resolution', comment: 'Still broken' }));
    await responseOf(sent.invitation.invitationId, (item) => item.status === 'confirmed');
    await api.postJson(sent.surveyPath(), { csat: 1, comment: 'Still broken, really' });
    await responseOf(sent.invitation.invitationId, (item) => item.answer.comment === 'Still broken, really');
    // The same message delivered twice, as SQS may.
    const message = answerMessage(sent, { csat: 1 });
    for (let delivery = 0; delivery < 2; delivery++)
      await api.sqs.send(new SendMessageCommand({ QueueUrl: api.queueUrl(QUEUES.surveyAnswers), MessageBody: message }));
    await responseOf(sent.invitation.invitationId, (item) => item.answer.comment === undefined);

    const requests = await escalationRequestsFor(responseId);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      source: 'survey',
      csat: 1,
      invitationId: sent.invitation.invitationId,
      caseId: sent.caseId,
      // Taken at once by the consumer, which opened its escalation.
      escalationId: responseId,
    });
    expect(requests[0]?.['gsi1pk']).toBeUndefined();
  });

  it('raises no escalation request for a confirmed CSAT above the threshold', async () => {
    const sent = await sendInvitation(world);
    await api.postJson(sent.surveyPath(), { csat: 2 });
    await responseOf(sent.invitation.invitationId, (item) => item.status === 'confirmed');
    expect(await escalationRequestsFor(surveyResponseId(sent.invitation.invitationId))).toEqual([]);
  });
});

describe('the unsubscribe page', () => {
  it('shows one button on GET and changes nothing', async () => {
    const sent = await sendInvitation(world, { locale: 'ja' });
    const page = await api.request('GET', sent.unsubscribePath);
    expect(page.status).toBe(200);
    expect(page.text).toContain('配信を停止する</button>');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect((await api.getItem(`CUSTOMER#${sent.customerId}`, 'HISTORY'))?.optedOut).toBeUndefined();
  });

  it('opts the customer out on POST (RFC 8058 one-click), once however often it is repeated', async () => {
    const sent = await sendInvitation(world, { locale: 'en' });
    for (let post = 0; post < 2; post++) {
      const confirmed = await api.request('POST', sent.unsubscribePath, form({ 'List-Unsubscribe': 'One-Click' }));
      expect(confirmed.status).toBe(200);
      expect(confirmed.text).toContain('You will not receive survey emails from us any more.');
    }
    expect(await api.getItem(`CUSTOMER#${sent.customerId}`, 'HISTORY')).toMatchObject({ optedOut: true });
    const unsubscribed = (await decisions.listDecisions(sent.caseId)).filter((record) => record.event === 'unsubscribed');
    expect(unsubscribed).toEqual([
      expect.objectContaining({ customerId: sent.customerId, invitationId: sent.invitation.invitationId, detail: 'one_click_post' }),
    ]);
    // And the policy now skips the customer's next case.
    expect((await decisions.loadCustomerHistory(sent.customerId)).optedOut).toBe(true);
  });

  it('refuses a survey token on the unsubscribe route', async () => {
    const sent = await sendInvitation(world);
    const page = await api.request('POST', `/u/${sent.surveyToken}`, form({ 'List-Unsubscribe': 'One-Click' }));
    expect(page.status).toBe(404);
    expect((await api.getItem(`CUSTOMER#${sent.customerId}`, 'HISTORY'))?.optedOut).toBeUndefined();
  });
});
