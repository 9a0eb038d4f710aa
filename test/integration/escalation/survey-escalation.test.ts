import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { DynamoDbSurveyEscalationStore } from '../../../functions/escalation/adapters/dynamodb-survey-escalation-store.ts';
import { surveyEscalationReference } from '../../../functions/intake/core/complaint-reference.ts';
import { escalateLowScore } from '../../../functions/escalation/core/escalate-low-score.ts';
import { surveyResponseId } from '../../../functions/surveys/core/record-survey-answer.ts';
import { loadEscalationSettings } from '../../../infra/escalation-settings.ts';
import { answerMessage, sendInvitation } from '../../helpers/survey-invitations.ts';
import { mailAndSchedules } from '../helpers/mail-and-schedules.ts';
import { connectTo, eventually, QUEUES, recordingDynamoDbClient } from '../helpers/pipeline-connection.ts';

const pipeline = inject('pipeline');
const api = connectTo(pipeline);
const world = { ...pipeline, dynamodb: api.dynamodb };
const { emailsTo, emailTo, fireSchedule } = mailAndSchedules(pipeline);

const call = (userId: string, method: string, path: string, body?: unknown) =>
  api.request(method, path, {
    headers: { authorization: `Bearer ${pipeline.supervisorTokens[userId]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

const escalationOf = (responseId: string) => eventually(() => api.getItem(`ESCALATION#${responseId}`, 'ESCALATION'), 20_000, 'the survey escalation');

/** The escalation request a consumer stores before it opens the escalation, still waiting on its index. */
const putWaitingRequest = async (sent: Awaited<ReturnType<typeof sendInvitation>>, requestedAt: string) => {
  const responseId = surveyResponseId(sent.invitation.invitationId);
  await api.dynamodb.send(
    new PutItemCommand({
      TableName: pipeline.tableName,
      Item: marshall({
        pk: `ESCALATION_REQUEST#${responseId}`,
        sk: 'ESCALATION_REQUEST',
        ...{ requestId: responseId, source: 'survey', responseId, invitationId: sent.invitation.invitationId, customerId: sent.customerId },
        ...{ caseId: sent.caseId, csat: 1, requestedAt, gsi1pk: 'ESCALATION_REQUESTS', gsi1sk: `${requestedAt}#${responseId}` },
      }),
    }),
  );
  return { requestId: responseId, responseId, customerId: sent.customerId, caseId: sent.caseId };
};

/** A premium Japanese customer's case of the Japan team, handled by `sup-japan-haruto`, who therefore never gets its escalation. */
const premiumJapanCase = { tier: 'premium', region: 'jp', product: 'Router X', team: 'japan-support', agentId: 'sup-japan-haruto' } as const;

describe('a confirmed very low survey score -> escalation -> supervisor email -> console detail -> resolve', () => {
  it('opens a high escalation on the case team, mails the assignee, shows the answer (not the customer) and resolves without mailing the customer', async () => {
    const sent = await sendInvitation(world, { locale: 'ja', caseContext: premiumJapanCase });
    const responseId = surveyResponseId(sent.invitation.invitationId);
    const reference = surveyEscalationReference(responseId);
    const answered = await api.postJson(sent.surveyPath(), { csat: 1, reasons: ['resolution'], comment: 'まだ直っていません <b>全く</b>' });
    expect(answered.status).toBe(202);

    const escalation = await escalationOf(responseId);
    // Team, tier and region from the case; the CSAT rule makes it high; the agent who handled the case is skipped.
    expect(escalation).toMatchObject({
      source: 'survey',
      reference,
      team: 'japan-support',
      tier: 'premium',
      region: 'jp',
      severity: 'high',
      guaranteed: true,
      assignee: 'sup-japan-yui',
      subjectAgentId: 'sup-japan-haruto',
      status: 'open',
      level: 1,
    });
    // The request is taken off the waiting index in the escalation's own transaction.
    const request = await api.getItem(`ESCALATION_REQUEST#${responseId}`, 'ESCALATION_REQUEST');
    expect(request).toMatchObject({ escalationId: responseId, csat: 1 });
    expect(request?.['gsi1pk']).toBeUndefined();

    const assigned = await emailTo('yui.tanaka@example.com', new RegExp(reference));
    expect(assigned.subject).toBe(`[high] Escalation ${reference} assigned to you`);
    expect(assigned.body.text).toContain(`A confirmed very low survey score ${reference}`);
    expect(assigned.body.html).toContain(`/console#escalation=${responseId}`);

    const detail = await call('sup-japan-yui', 'GET', `/escalations/${responseId}`);
    expect(detail.status).toBe(200);
    expect(detail.json).toMatchObject({
      escalation: { id: responseId, source: 'survey', reference },
      surveyAnswer: { csat: 1, reasons: ['resolution'], comment: 'まだ直っていません <b>全く</b>', caseId: sent.caseId },
    });
    expect(detail.json).not.toHaveProperty('complaint');
    // The queue tells it from a complaint's without opening it.
    const listed = await call('sup-japan-yui', 'GET', '/escalations?limit=100');
    expect(listed.json.escalations).toContainEqual(expect.objectContaining({ id: responseId, reference, source: 'survey' }));
    expect(detail.text).not.toContain('customer@example.com');

    expect((await call('sup-japan-yui', 'POST', `/escalations/${responseId}/claim`)).status).toBe(200);
    const resolved = await call('sup-japan-yui', 'POST', `/escalations/${responseId}/resolve`, { resolution: 'Called the customer; replaced the router.' });
    expect(resolved.status).toBe(200);
    expect(resolved.json).toMatchObject({ escalation: { status: 'resolved' } });
    await fireSchedule(/SweepSchedule/);
    // The customer filed no complaint: no acknowledgement, no resolution email, no complaint item.
    expect((await emailsTo('customer@example.com')).filter((email) => email.subject.includes(reference))).toEqual([]);
    expect(await api.getItem(`COMPLAINT#${responseId}`, 'COMPLAINT')).toBeUndefined();
  });

  it('a standard customer without a case goes to the default team with a target, not a guarantee', async () => {
    const sent = await sendInvitation(world);
    const responseId = surveyResponseId(sent.invitation.invitationId);
    await api.postJson(sent.surveyPath(), { csat: 1 });
    const escalation = await escalationOf(responseId);
    expect(escalation).toMatchObject({ source: 'survey', team: 'general-support', tier: 'standard', guaranteed: false });
    expect(['sup-general-ana', 'sup-general-ben']).toContain(escalation['assignee']);
    const assigned = await emailTo(
      escalation['assignee'] === 'sup-general-ana' ? 'ana.lima@example.com' : 'ben.okafor@example.com',
      new RegExp(escalation['reference']),
    );
    expect(assigned.body.text).toContain('(a target)');
  });

  it('a redelivered low score opens one escalation and sends one email to its assignee', async () => {
    const sent = await sendInvitation(world, { caseContext: { tier: 'standard', team: 'cloud-platform' } });
    const responseId = surveyResponseId(sent.invitation.invitationId);
    const message = answerMessage(sent, { csat: 1 });
    // The same message delivered three times, two of them at once, as SQS may.
    const queueUrl = api.queueUrl(QUEUES.surveyAnswers);
    await Promise.all([1, 2].map(() => api.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: message }))));
    const escalation = await escalationOf(responseId);
    const supervisorEmail = escalation['assignee'] === 'sup-cloud-dev' ? 'dev.patel@example.com' : 'eva.novak@example.com';
    await emailTo(supervisorEmail, new RegExp(escalation['reference']));
    await api.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: message }));
    await api.queueDrained(QUEUES.surveyAnswers);
    // The control endpoint answers once the sweep's run has finished: any email it sent is in the emulator.
    await fireSchedule(/SweepSchedule/);

    expect((await emailsTo(supervisorEmail)).filter((email) => email.subject.includes(escalation['reference']))).toHaveLength(1);
    expect(await api.itemsWhere('reference', escalation['reference'])).toHaveLength(1);
    // One opening audit entry: the escalation was written once.
    expect((await api.itemsWhere('pk', `ESCALATION#${responseId}`)).filter((item) => String(item['sk']).startsWith('AUDIT#'))).toHaveLength(1);
  });

  it('finishes the escalation of a delivery that died after storing its request, even once the customer changed the answer', async () => {
    const sent = await sendInvitation(world);
    const responseId = surveyResponseId(sent.invitation.invitationId);
    const submittedAt = new Date(Date.now() - 60_000).toISOString();
    // What a consumer that died between the escalation request and the escalation leaves behind.
    await putWaitingRequest(sent, submittedAt);
    // The customer then changed their answer to a 4 ...
    await api.postJson(sent.surveyPath(), { csat: 4 });
    await eventually(async () => ((await api.getItem(`INVITATION#${sent.invitation.invitationId}`, 'RESPONSE'))?.answer?.csat === 4 ? true : undefined));
    // ... and SQS redelivers the dead consumer's message: its answer is superseded, its escalation is not lost.
    await api.sqs.send(new SendMessageCommand({ QueueUrl: api.queueUrl(QUEUES.surveyAnswers), MessageBody: answerMessage(sent, { csat: 1 }, submittedAt) }));

    expect(await escalationOf(responseId)).toMatchObject({ source: 'survey', status: 'open' });
    expect((await api.getItem(`INVITATION#${sent.invitation.invitationId}`, 'RESPONSE'))?.answer).toEqual({ csat: 4 });
  });

  it('a one-click 1 that is never confirmed opens nothing', async () => {
    const sent = await sendInvitation(world);
    const responseId = surveyResponseId(sent.invitation.invitationId);
    await api.request('GET', sent.surveyPath(1));
    await eventually(() => api.getItem(`INVITATION#${sent.invitation.invitationId}`, 'RESPONSE'), 15_000, 'the provisional response');
    expect(await api.getItem(`ESCALATION#${responseId}`, 'ESCALATION')).toBeUndefined();
    expect(await api.itemsWhere('pk', `ESCALATION_REQUEST#${responseId}`)).toEqual([]);
  });
});

describe('DynamoDB requests per low-score escalation', () => {
  it('takes 2: one BatchGetItem for the request and its context, one TransactWriteItems that opens it and takes the request', async () => {
    const { client: counted, sent, commands } = recordingDynamoDbClient(pipeline.dynamodbEndpoint);
    const invitation = await sendInvitation(world, { caseContext: premiumJapanCase });
    const request = await putWaitingRequest(invitation, new Date().toISOString());
    const store = new DynamoDbSurveyEscalationStore(counted, pipeline.tableName);
    const outcome = await escalateLowScore(request, { store, settings: loadEscalationSettings() }, new Date());
    expect(outcome.kind).toBe('opened');
    expect(commands()).toEqual(['BatchGetItemCommand', 'TransactWriteItemsCommand']);
    expect(await api.getItem(`ESCALATION#${request.responseId}`, 'ESCALATION')).toMatchObject({ team: 'japan-support', assignee: 'sup-japan-yui' });
    // Run again (a second consumer): it reads, finds the request taken and writes nothing.
    sent.length = 0;
    expect(await escalateLowScore(request, { store, settings: loadEscalationSettings() }, new Date())).toEqual({ kind: 'already_taken' });
    expect(commands()).toEqual(['BatchGetItemCommand']);
  });
});
