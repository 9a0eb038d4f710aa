import { randomUUID } from 'node:crypto';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { describe, expect, inject, it } from 'vitest';
import { DynamoDbNotificationOutbox, notificationPutItem } from '../../../functions/escalation/adapters/dynamodb-notification-outbox.ts';
import type { CaseResolved } from '../../../functions/surveys/contracts/case-resolved.ts';
import { notificationIdOf } from '../../../functions/escalation/contracts/stored-notification-items.ts';
import { acceptComplaint } from '../../../functions/intake/core/accept-complaint.ts';
import { TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { mailAndSchedules, type StoredEmail } from '../helpers/mail-and-schedules.ts';
import { connectTo, eventually, QUEUES } from '../helpers/pipeline-connection.ts';

const pipeline = inject('pipeline');
const connection = connectTo(pipeline);
const { postJson, request, getItem } = connection;
const integration = { authorization: `Bearer ${pipeline.integrationKey}` };

const { emailsTo, emailTo, fireSchedule } = mailAndSchedules(pipeline);

const call = (userId: string, method: string, path: string, body?: unknown) =>
  request(method, path, {
    headers: { authorization: `Bearer ${pipeline.supervisorTokens[userId]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

/** A premium Japanese customer's case of the Japan team, resolved by agent `sup-japan-haruto`, who therefore never gets the escalation. */
const resolvedCase = (): CaseResolved => ({
  caseId: `CASE-${randomUUID()}`,
  resolvedAt: new Date().toISOString(),
  customer: { id: `cust-${randomUUID()}`, email: `case+${randomUUID()}@example.com`, name: 'Hanako', locale: 'ja', tier: 'premium', region: 'jp' },
  product: 'Router X',
  team: 'japan-support',
  agentId: 'sup-japan-haruto',
  channel: 'email',
});

const runSweep = () => fireSchedule(/SweepSchedule/);

describe('complaint -> escalation -> emails -> claim -> resolve', () => {
  it('inherits the case, mails the assignee and the complainant in Japanese, and mails the resolution after the resolve', async () => {
    const body = resolvedCase();
    expect((await postJson('/cases/resolved', body, integration)).status).toBe(202);
    const email = `complainant+${randomUUID()}@example.com`;
    const filed = await postJson('/complaints', { email, category: 'attitude', description: '対応が失礼でした <b>本当に</b>', caseId: body.caseId });
    expect(filed.status).toBe(202);
    const { complaintId, reference, statusUrl } = filed.json as { complaintId: string; reference: string; statusUrl: string };

    const escalation = await eventually(() => getItem(`ESCALATION#${complaintId}`, 'ESCALATION'), 20_000, 'the escalation');
    // Team, tier and region from the case; premium attitude is high; the agent complained about is skipped.
    expect(escalation).toMatchObject({ team: 'japan-support', tier: 'premium', region: 'jp', severity: 'high', guaranteed: true, assignee: 'sup-japan-yui' });
    expect(escalation['subjectAgentId']).toBe('sup-japan-haruto');

    const assigned = await emailTo('yui.tanaka@example.com', new RegExp(reference));
    expect(assigned.subject).toContain('assigned to you');
    expect(assigned.body.html).toContain(`/console#escalation=${complaintId}`);
    expect(assigned.body.text).toContain('guaranteed');

    const acknowledgement = await emailTo(email, new RegExp(reference));
    expect(acknowledgement.subject).toBe(`お問い合わせ ${reference} を確認しています`);
    // Premium high: acknowledge within 4, resolve within 16 business hours, promised.
    expect(acknowledgement.body.text).toContain('4営業時間以内の受領確認と16営業時間以内の解決をお約束します');
    expect(acknowledgement.body.html).toContain('/complaints/status?token=');
    expect((await (await fetch(statusUrl)).json()) as object).toMatchObject({ status: 'under_review' });

    expect((await call('sup-japan-yui', 'POST', `/escalations/${complaintId}/claim`)).status).toBe(200);
    const resolution = '担当者から謝罪し、<返金>しました。\n再発防止を徹底します。';
    const resolved = await call('sup-japan-yui', 'POST', `/escalations/${complaintId}/resolve`, { resolution });
    expect(resolved.status).toBe(200);

    const resolvedEmail = await emailTo(email, /対応が完了しました/);
    expect(resolvedEmail.subject).toBe(`お問い合わせ ${reference} の対応が完了しました`);
    expect(resolvedEmail.body.text).toContain(resolution);
    expect(resolvedEmail.body.html).toContain('&lt;返金&gt;');
    expect(resolvedEmail.body.html).not.toContain('<返金>');
    expect((await (await fetch(statusUrl)).json()) as object).toMatchObject({ status: 'resolved', resolution });
    // Sent: nothing of this complaint is left on the pending index.
    const notification = await getItem(`NOTIFICATION#${notificationIdOf(complaintId, 'complaint_resolved', 1)}`, 'NOTIFICATION');
    expect(notification).toMatchObject({ outcome: 'sent' });
    expect(notification?.['gsi1pk']).toBeUndefined();
  });

  it('a standard customer without a case is told a target, not a guarantee, in English', async () => {
    const email = `standard+${randomUUID()}@example.com`;
    const filed = await postJson('/complaints', { email, category: 'slow-response', description: 'Three days without an answer.' });
    const acknowledgement = await emailTo(email, new RegExp(filed.json.reference));
    expect(acknowledgement.body.text).toContain('This is our target, not a guaranteed response time.');
    expect(acknowledgement.body.text).not.toContain('we guarantee');
  });

  it('a redelivered complaint opens one escalation and sends one acknowledgement', async () => {
    const email = `redelivered+${randomUUID()}@example.com`;
    const { message } = acceptComplaint(
      { email, category: 'billing', description: 'Charged twice.' },
      { now: new Date(), signingKey: 'k'.repeat(64), statusTokenTtlDays: 1, statusEndpoint: `${pipeline.apiUrl}/complaints/status` },
    );
    const queueUrl = connection.queueUrl(QUEUES.complaints);
    await connection.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(message) }));
    await emailTo(email, new RegExp(message.reference));
    await connection.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(message) }));
    await connection.queueDrained(QUEUES.complaints);
    // The control endpoint answers once the sweep's run has finished: any email it sent is in the emulator.
    await runSweep();
    expect(await emailsTo(email)).toHaveLength(1);
    expect(await connection.itemsWhere('reference', message.reference)).toHaveLength(2); // the complaint and its escalation
  });

  it("complaints filed at once are all escalated at once, to the team's supervisors", async () => {
    const filed = await Promise.all(
      [1, 2, 3, 4].map((n) =>
        postJson('/complaints', { email: `batch${n}+${randomUUID()}@example.com`, category: 'billing', description: `Charged twice (${n}).` }),
      ),
    );
    const escalations = await Promise.all(
      filed.map(({ json }) => eventually(() => getItem(`ESCALATION#${json.complaintId}`, 'ESCALATION'), 15_000, 'every escalation of the batch')),
    );
    // Complaints decided in the same instant may share a supervisor (the cursor takes no lock), but all go to the team's supervisors.
    for (const escalation of escalations) expect(['sup-general-ana', 'sup-general-ben']).toContain(escalation['assignee']);
  });

  it('two sweeps at once send a pending notification once', async () => {
    const email = `swept+${randomUUID()}@example.com`;
    const filed = await postJson('/complaints', { email, category: 'other', description: 'Please call me back.' });
    const { complaintId, reference } = filed.json as { complaintId: string; reference: string };
    const escalation = await eventually(() => getItem(`ESCALATION#${complaintId}`, 'ESCALATION'), 20_000, 'the escalation');
    await emailTo(email, new RegExp(reference));
    // What the SLA watcher writes: a warning to the assignee, left for the sweep.
    const warning = {
      notificationId: notificationIdOf(complaintId, 'ack_warning', 1),
      kind: 'ack_warning' as const,
      escalationId: complaintId,
      complaintId,
      recipientUserId: String(escalation['assignee']),
      level: 1,
      createdAt: new Date().toISOString(),
    };
    await connection.dynamodb.send(new TransactWriteItemsCommand({ TransactItems: [notificationPutItem(pipeline.tableName, warning)] }));
    await Promise.all([runSweep(), runSweep()]);
    const outbox = new DynamoDbNotificationOutbox(connection.dynamodb, pipeline.tableName);
    await eventually(
      async () => ((await outbox.findPending(100)).some((n) => n.notificationId === warning.notificationId) ? undefined : true),
      20_000,
      'the warning to be sent',
    );
    const assigneeAddress = `${String(escalation['assignee'])}`;
    const { emails } = (await (await fetch(`${pipeline.mailUrl}/store`)).json()) as { emails: StoredEmail[] };
    const warnings = emails.filter((sent) => sent.subject.includes(reference) && sent.subject.includes('acknowledge before'));
    expect(warnings, assigneeAddress).toHaveLength(1);
  });
});
