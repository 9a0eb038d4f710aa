import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { notificationIdOf } from '../../../functions/escalation/contracts/stored-notification-items.ts';
import { validComplaint } from '../../helpers/submissions.ts';
import { mailAndSchedules } from '../helpers/mail-and-schedules.ts';
import { connectTo, eventually } from '../helpers/pipeline-connection.ts';

const pipeline = inject('pipeline');
const { postJson, request, getItem } = connectTo(pipeline);
const { emailsTo } = mailAndSchedules(pipeline);

describe('acknowledgements are capped per address', () => {
  it('mails the first five complaints of a day from one address, stores and escalates the sixth without mailing it, and marks it for the supervisor', async () => {
    const address = `often+${randomUUID()}@example.com`;
    const complaintIds: string[] = [];
    // One after the other, each stored before the next, so the sixth is the last the consumer sees.
    for (let n = 1; n <= 6; n++) {
      const filed = await postJson('/complaints', validComplaint({ email: address, description: `complaint ${n} of six` }));
      expect(filed.status).toBe(202);
      const { complaintId } = filed.json as { complaintId: string };
      complaintIds.push(complaintId);
      await eventually(() => getItem(`ESCALATION#${complaintId}`, 'ESCALATION'), 20_000, `escalation ${n}`);
    }

    const acknowledgementOf = (complaintId: string) => getItem(`NOTIFICATION#${notificationIdOf(complaintId, 'complaint_acknowledged', 1)}`, 'NOTIFICATION');
    // Five acknowledgements arrive; the sixth has none in the outbox, so none can ever be sent.
    await eventually(async () => ((await emailsTo(address)).length === 5 ? true : undefined), 20_000, 'five acknowledgements');
    for (const complaintId of complaintIds.slice(0, 5)) expect(await acknowledgementOf(complaintId), complaintId).toBeDefined();
    const sixth = complaintIds[5]!;
    expect(await acknowledgementOf(sixth)).toBeUndefined();

    // Still stored and escalated, its assignee told, and marked where the supervisor reads it.
    const complaint = await getItem(`COMPLAINT#${sixth}`, 'COMPLAINT');
    expect(complaint).toMatchObject({ status: 'under_review', acknowledgement: 'withheld', email: address });
    const escalation = await getItem(`ESCALATION#${sixth}`, 'ESCALATION');
    expect(await getItem(`NOTIFICATION#${notificationIdOf(sixth, 'assigned', 1)}`, 'NOTIFICATION')).toBeDefined();
    const detail = await request('GET', `/escalations/${sixth}`, {
      headers: { authorization: `Bearer ${pipeline.supervisorTokens[String(escalation!['assignee'])]}` },
    });
    expect(detail.status).toBe(200);
    expect(detail.json.complaint).toMatchObject({ description: 'complaint 6 of six', acknowledgement: 'withheld' });
    expect((await emailsTo(address)).length).toBe(5);
  });
});
