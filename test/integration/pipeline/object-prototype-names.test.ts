import { randomUUID } from 'node:crypto';
import { ChangeMessageVisibilityBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { CampaignChunkMessage } from '../../../functions/surveys/contracts/campaign-messages.ts';
import { addressKey } from '../../../functions/surveys/core/address-key.ts';
import { surveyResponseId } from '../../../functions/surveys/core/record-survey-answer.ts';
import { relationshipInvitationId } from '../../../functions/surveys/core/survey-invitation-id.ts';
import { OBJECT_PROTOTYPE_NAMES } from '../../helpers/object-prototype-names.ts';
import { sesBounceEvent } from '../../helpers/ses-events.ts';
import { mailAndSchedules } from '../helpers/mail-and-schedules.ts';
import { connectTo, eventually, QUEUES } from '../helpers/pipeline-connection.ts';

// Every own property name of Object.prototype (constructor, __proto__, toString, valueOf, ...) in
// every field that ends up as a key: of a case (id, customer, region, team, product, agent,
// channel), a complaint, feedback, a survey answer, the supervisor API's paths and filters, the
// console's files, and each queue consumer's message. A lookup that forgot Object.hasOwn finds
// Object's member there and throws, so an accepted message would end in a dead-letter queue.
// Locales are left out: a language tag is 2-3 letters and subtags, which none of these names is
// (Accept-Language carries them instead, where the tag syntax allows up to 8 letters).

const pipeline = inject('pipeline');
const api = connectTo(pipeline);
const { emailsTo, fireSchedule } = mailAndSchedules(pipeline);
const names = OBJECT_PROTOTYPE_NAMES;
const DAY = 86_400_000;
const integration = { authorization: `Bearer ${pipeline.integrationKey}` };
const asSupervisor = (userId: string) => ({ authorization: `Bearer ${pipeline.supervisorTokens[userId]}` });
const emailOf = (name: string) => `${name}@example.com`;

/** Every answer of this file, so none of them may be a 5xx. */
const answers: { readonly request: string; readonly status: number }[] = [];
/** Ids of every message this file had accepted: none may end in a dead-letter queue. */
const accepted = new Set<string>();

const call = async (method: string, path: string, init: { body?: unknown; headers?: Record<string, string> } = {}) => {
  const json: Record<string, string> = init.body === undefined ? {} : { 'content-type': 'application/json' };
  const response = await api.request(method, path, {
    headers: { ...json, ...init.headers },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  answers.push({ request: `${method} ${path}`, status: response.status });
  return response;
};

/**
 * The bodies of a queue's messages, left in the queue: received, then visible again a second
 * later (not at once: fauxqs 2.4 with a data folder drops a message on ChangeMessageVisibility 0,
 * see local/emulators/release-abandoned-messages.ts), and waited for until none is in flight.
 */
const peekMessages = async (queueUrl: string): Promise<string[]> => {
  const received = new Map<string, { body: string; handle: string }>();
  for (;;) {
    const { Messages = [] } = await api.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 30 }));
    if (Messages.length === 0) break;
    for (const message of Messages) received.set(message.MessageId!, { body: message.Body ?? '', handle: message.ReceiptHandle! });
  }
  const entries = [...received.values()].map(({ handle }, index) => ({ Id: String(index), ReceiptHandle: handle, VisibilityTimeout: 1 }));
  for (let start = 0; start < entries.length; start += 10) {
    await api.sqs.send(new ChangeMessageVisibilityBatchCommand({ QueueUrl: queueUrl, Entries: entries.slice(start, start + 10) }));
  }
  await eventually(
    async () => {
      const { Attributes } = await api.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessagesNotVisible'] }),
      );
      return Attributes?.['ApproximateNumberOfMessagesNotVisible'] === '0' ? true : undefined;
    },
    10_000,
    'the peeked messages to be visible again',
  );
  return [...received.values()].map(({ body }) => body);
};

/** What POST /cases/resolved answered for each name's case (the invitation it scheduled). */
const resolutions = new Map<string, { status: number; json: { invitationId?: string } }>();

beforeAll(async () => {
  // Resolved two days ago: the invitation is due at once, so the dispatcher mails it when fired.
  const resolvedAt = new Date(Date.now() - 2 * DAY).toISOString();
  // One request at a time here and below: the subject is the names, not a dozen cold starts at once.
  for (const name of names) {
    const body = {
      caseId: name,
      resolvedAt,
      customer: { id: name, email: emailOf(name), name, tier: 'premium', region: name },
      product: name,
      team: name,
      agentId: name,
      channel: name,
    };
    resolutions.set(name, await call('POST', '/cases/resolved', { body, headers: integration }));
  }
});

describe('names of Object.prototype in every keyed field, through the local pipeline', () => {
  it('resolves a case named so, of a customer, region, team, product, agent and channel named so, and holds back a second survey of that customer', async () => {
    for (const name of names) {
      expect(resolutions.get(name), name).toMatchObject({ status: 202, json: { invitationId: expect.any(String) } });
      accepted.add(resolutions.get(name)!.json.invitationId!);
    }
    for (const name of names) {
      // The customer's history must hold the first case's invitation, whatever the case is called.
      const again = await call('POST', '/cases/resolved', {
        body: { caseId: `${name}-again`, resolvedAt: new Date().toISOString(), customer: { id: name, email: emailOf(name), tier: 'premium' } },
        headers: integration,
      });
      expect(again, name).toMatchObject({ status: 200, json: { skipped: 'recently_surveyed' } });
      const decisions = await call('GET', `/cases/${encodeURIComponent(name)}/survey-decisions`, { headers: integration });
      expect(decisions.status, name).toBe(200);
      expect(decisions.json).toMatchObject({ caseId: name, decisions: [expect.objectContaining({ event: 'scheduled', customerId: name })] });
    }
  });

  it('stores every complaint naming such a case, with an escalation on a team and in a region the rules know', async () => {
    const filed: { name: string; complaintId: string; statusUrl: string }[] = [];
    for (const name of names) {
      const body = { email: emailOf(name), category: 'attitude', description: name, caseId: name, name, product: name };
      const response = await call('POST', '/complaints', { body, headers: { 'idempotency-key': name } });
      expect(response.status, name).toBe(202);
      accepted.add(response.json.complaintId);
      filed.push({ name, complaintId: response.json.complaintId, statusUrl: response.json.statusUrl });
    }
    for (const { name, complaintId, statusUrl } of filed) {
      const escalation = await eventually(
        () => api.getItem(`ESCALATION#${complaintId}`, 'ESCALATION'),
        20_000,
        `the escalation of the complaint about case ${name}`,
      );
      // The case's team and region are unknown to the rules: routed by the rules, clocked in the default region.
      expect(escalation, name).toMatchObject({ team: 'general-support', region: 'us', tier: 'premium', subjectAgentId: name, status: 'open' });
      expect(await api.getItem(`COMPLAINT#${complaintId}`, 'COMPLAINT'), name).toMatchObject({ status: 'under_review', caseId: name, product: name });
      const status = await call('GET', new URL(statusUrl).pathname + new URL(statusUrl).search, { headers: { 'accept-language': 'toString, valueOf;q=0.5' } });
      expect(status.status, name).toBe(200);
    }
  });

  it('stores feedback whose article, page and comment are such names', async () => {
    const given: { name: string; feedbackId: string }[] = [];
    for (const name of names) {
      const body = { kind: 'article', articleId: name, pageUrl: `https://help.example.com/kb/${name}?${name}=${name}`, comment: name, helpful: false };
      const response = await call('POST', '/feedback', { body, headers: { 'idempotency-key': `feedback-${name}` } });
      expect(response.status, name).toBe(202);
      accepted.add(response.json.feedbackId);
      given.push({ name, feedbackId: response.json.feedbackId });
    }
    for (const { name, feedbackId } of given) {
      const stored = await eventually(() => api.getItem(`FEEDBACK#${feedbackId}`, 'FEEDBACK'), 20_000, `the feedback on article ${name}`);
      expect(stored).toMatchObject({ articleId: name, comment: name });
    }
  });

  it('mails each case its survey and stores a very low answer with its escalation', async () => {
    await fireSchedule(/DispatchSchedule/);
    for (const name of names) {
      const invitationId = resolutions.get(name)!.json.invitationId!;
      const email = await eventually(
        async () => (await emailsTo(emailOf(name))).find((sent) => sent.subject === 'How did we do?'),
        20_000,
        `the survey email for case ${name}`,
      );
      const link = /^ {2}1(?: \([^)]*\))?: (\S+)$/m.exec(email.body.text ?? '')?.[1];
      expect(link, name).toBeDefined();
      const surveyPath = new URL(link!).pathname;

      const page = await call('GET', `${surveyPath}?score=1&${name}=1`, { headers: { 'accept-language': `${name.slice(0, 8)}, toString;q=0.5` } });
      expect(page.status, name).toBe(200);
      expect((await call('POST', surveyPath, { body: { csat: 1, reasons: [name] } })).status, name).toBe(400);
      const answered = await call('POST', surveyPath, { body: { csat: 1, comment: name } });
      expect(answered.status, name).toBe(202);

      const responseId = surveyResponseId(invitationId);
      const escalation = await eventually(
        () => api.getItem(`ESCALATION#${responseId}`, 'ESCALATION'),
        20_000,
        `the escalation of the answer about case ${name}`,
      );
      expect(escalation, name).toMatchObject({ source: 'survey', team: 'general-support', region: 'us', subjectAgentId: name });
    }
  });

  it('takes supervisor calls whose ids, filters and texts are such names, acting on the escalations they opened', async () => {
    for (const name of names) {
      for (const query of [`team=${name}`, `assignee=${name}`])
        expect((await call('GET', `/escalations?${query}`, { headers: asSupervisor('admin-grace') })).status).toBe(200);
      for (const query of [`status=${name}`, `severity=${name}`, `sort=${name}`, `cursor=${name}`, `${name}=1`]) {
        expect((await call('GET', `/escalations?${query}`, { headers: asSupervisor('admin-grace') })).status, query).toBe(400);
      }
      expect((await call('GET', `/escalations?team=${name}`, { headers: asSupervisor('sup-general-ana') })).status).toBe(403);
      for (const [method, path] of [
        ['GET', `/escalations/${name}`],
        ['POST', `/escalations/${name}/claim`],
        ['POST', `/escalations/${name}/ack`],
      ] as const) {
        expect((await call(method, path, { headers: asSupervisor('admin-grace') })).json?.error?.code, `${method} ${path}`).toBe('escalation_not_found');
      }
    }
    const complaintEscalations = (await api.itemsWhere('subjectAgentId', names[0]!)).filter((item) => item['sk'] === 'ESCALATION');
    expect(complaintEscalations.length).toBeGreaterThan(0);
    for (const name of names) {
      const [escalation] = (await api.itemsWhere('subjectAgentId', name)).filter((item) => item['sk'] === 'ESCALATION' && item['source'] !== 'survey');
      const id = String(escalation!['id']);
      const holder = asSupervisor(String(escalation!['assignee']));
      expect((await call('POST', `/escalations/${id}/notes`, { body: { text: name }, headers: holder })).status, name).toBe(200);
      expect((await call('POST', `/escalations/${id}/claim`, { headers: holder })).status, name).toBe(200);
      expect((await call('POST', `/escalations/${id}/resolve`, { body: { resolution: name }, headers: holder })).status, name).toBe(200);
      // Whether a lead may hand it to a user of that name is the reassign rules' business: here only that it is no 5xx.
      const [survey] = (await api.itemsWhere('subjectAgentId', name)).filter((item) => item['sk'] === 'ESCALATION' && item['source'] === 'survey');
      const reassigned = await call('POST', `/escalations/${String(survey!['id'])}/reassign`, {
        body: { to: name },
        headers: asSupervisor('lead-general-chloe'),
      });
      expect(reassigned.status, name).toBeLessThan(500);
    }
  });

  it('answers 404 with the JSON error body for a console file or a route of such a name, and 4xx for such a token or key', async () => {
    for (const name of names) {
      for (const path of [`/console/${name}`, `/console/${name}?v=0123456789abcdef`]) {
        const file = await call('GET', path);
        expect(file.status, path).toBe(404);
        expect(file.json, path).toEqual({ error: { code: 'route_not_found', message: expect.any(String), details: [] } });
        expect(file.headers.get('cache-control') ?? '', path).not.toMatch(/max-age|immutable/);
      }
      for (const method of ['GET', 'POST']) {
        expect((await call(method, `/${name}`)).status, `${method} /${name}`).toBe(404);
        for (const path of [`/s/${name}`, `/u/${name}`]) {
          const status = (await call(method, path, method === 'POST' ? { body: { csat: 1 } } : {})).status;
          expect(status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
        }
      }
      expect((await call('GET', `/complaints/status?token=${name}`)).status).toBe(401);
      expect((await call('GET', `/complaints/status?${name}=1`)).status).toBe(401);
      expect((await call('POST', '/cases/resolved', { body: {}, headers: { authorization: `Bearer ${name}` } })).status).toBe(403);
      expect((await call('POST', '/cases/reopened', { body: { caseId: name }, headers: { authorization: name } })).status).toBeGreaterThanOrEqual(401);
      expect((await call('GET', '/escalations', { headers: { authorization: `Bearer ${name}` } })).status).toBe(401);
    }
  });

  it('stores a delivery event and a campaign chunk naming such invitations, addresses and customers', async () => {
    const at = new Date().toISOString();
    for (const name of names) {
      const bounce = sesBounceEvent({ address: `${name}-bounced@example.com`, invitationId: name, at });
      await api.sqs.send(new SendMessageCommand({ QueueUrl: api.queueUrl(QUEUES.deliveryEvents), MessageBody: JSON.stringify(bounce) }));
    }
    // A week ahead: the dispatcher, fired by other tests, leaves these relationship invitations alone.
    const chunk: CampaignChunkMessage = {
      type: 'campaign.chunk',
      version: 1,
      campaignId: `prototype-names-${randomUUID().slice(0, 8)}`,
      startsAt: new Date(Date.now() + 7 * DAY).toISOString(),
      ratePerSecond: 1,
      firstIndex: 0,
      customerIds: [...names],
    };
    accepted.add(chunk.campaignId);
    await api.sqs.send(new SendMessageCommand({ QueueUrl: api.queueUrl(QUEUES.campaignChunks), MessageBody: JSON.stringify(chunk) }));

    for (const name of names) {
      await eventually(() => api.getItem(`ADDRESS#${addressKey(`${name}-bounced@example.com`)}`, 'SUPPRESSION'), 20_000, `the suppression of ${name}-bounced`);
      const invitation = await eventually(
        () => api.getItem(`INVITATION#${relationshipInvitationId(chunk.campaignId, name)}`, 'INVITATION'),
        20_000,
        `the relationship invitation of customer ${name}`,
      );
      expect(invitation).toMatchObject({ customerId: name, campaignId: chunk.campaignId, state: 'scheduled' });
    }
  });

  it('leaves nothing queued and none of its messages in a dead-letter queue, after the scheduled functions ran over them too', async () => {
    await fireSchedule(/SweepSchedule/);
    await fireSchedule(/WatchSchedule/);
    for (const queue of [QUEUES.complaints, QUEUES.feedback, QUEUES.surveyAnswers, QUEUES.surveyMail, QUEUES.deliveryEvents, QUEUES.campaignChunks]) {
      await api.queueDrained(queue);
    }
    const deadLetterQueues = Object.entries(pipeline.queues).filter(([logicalId]) => /DeadLetterQueue/.test(logicalId));
    expect(deadLetterQueues.length).toBeGreaterThanOrEqual(6);
    for (const [logicalId, { url }] of deadLetterQueues) {
      const ours = (await peekMessages(url)).filter((body) => [...accepted].some((id) => body.includes(id)));
      expect(ours, logicalId).toEqual([]);
    }
    expect(answers.filter(({ status }) => status >= 500)).toEqual([]);
    expect(answers.length).toBeGreaterThan(names.length * 20);
  });
});
