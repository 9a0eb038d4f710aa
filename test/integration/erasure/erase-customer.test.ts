import { createHash, randomUUID } from 'node:crypto';
import { paginateScan } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { sendInvitation } from '../../helpers/survey-invitations.ts';
import { runWithoutBlocking } from '../../helpers/run-without-blocking.ts';
import { connectTo, eventually } from '../helpers/pipeline-connection.ts';

const pipeline = inject('pipeline');
const api = connectTo(pipeline);
const world = { ...pipeline, dynamodb: api.dynamodb };
// As the runbook shows it for AWS (`--table`), pointed at this pipeline's DynamoDB Local by the SDK's own variable.
const eraseCustomer = (operand: string) =>
  runWithoutBlocking(`npm run admin -- erase-customer ${operand} --table ${pipeline.tableName}`, {
    AWS_ENDPOINT_URL_DYNAMODB: pipeline.dynamodbEndpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
const asAdmin = { headers: { authorization: `Bearer ${pipeline.supervisorTokens['admin-grace']}` } };

const form = (fields: Record<string, string>) => ({
  body: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

/** Every item of the table, as JSON text: what a search for a trace of someone reads. */
const wholeTable = async (): Promise<string[]> => {
  const items: string[] = [];
  for await (const page of paginateScan({ client: api.dynamodb }, { TableName: pipeline.tableName })) {
    items.push(...(page.Items ?? []).map((item) => JSON.stringify(unmarshall(item))));
  }
  return items;
};

type AgentGroup = { readonly value: string; readonly csat: { readonly answers: number } };

describe('npm run admin -- erase-customer', () => {
  it('leaves no trace of the customer’s email or name in any item, while the reports’ summary stays as it was', async () => {
    const unique = randomUUID();
    const email = `Erase.Me+${unique}@Example.com`;
    const name = `山田 花子 ${unique.slice(0, 8)}`;
    const comment = `${name}です。対応はとても丁寧でした。連絡は ${email} まで。`;
    const team = `erasure-${unique}`;
    const agents = { erased: `agent-erased-${unique}` };

    const surveyed = await sendInvitation(world, {
      locale: 'ja',
      customer: { email, name },
      caseContext: { tier: 'standard', team, agentId: agents.erased, region: 'APAC' },
    });
    // A confirmed 1: its comment is also on the escalation request the rules open a survey escalation from.
    expect((await api.request('POST', surveyed.surveyPath(), form({ score: '1', comment }))).status).toBe(200);
    const filed = await api.postJson('/complaints', { email, name, category: 'attitude', description: comment, locale: 'ja' });
    expect(filed.status, filed.text).toBe(202);
    const { complaintId } = filed.json as { complaintId: string };
    await eventually(() => api.getItem(`COMPLAINT#${complaintId}`, 'COMPLAINT'), 20_000, 'the stored complaint');
    await eventually(() => api.getItem(`ESCALATION#${complaintId}`, 'ESCALATION'), 20_000, 'the complaint’s escalation');
    // A supervisor's note and resolution that name the customer: audit text and the escalation's resolution to erase.
    const noted = await api.request('POST', `/escalations/${complaintId}/notes`, {
      ...asAdmin,
      headers: { ...asAdmin.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ text: `Called ${name} back.` }),
    });
    expect(noted.status, noted.text).toBe(200);
    const resolved = await api.request('POST', `/escalations/${complaintId}/resolve`, {
      ...asAdmin,
      headers: { ...asAdmin.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ resolution: `Apologised to ${name}.` }),
    });
    expect(resolved.status, resolved.text).toBe(200);

    const response = await eventually(() => api.getItem(`INVITATION#${surveyed.invitation.invitationId}`, 'RESPONSE'), 15_000, 'the stored response');
    const day = String(response['firstAnsweredAt']).slice(0, 10);
    const summaryPath = `/reports/summary?from=${day}&to=${day}&interval=day&groupBy=agent&team=${encodeURIComponent(team)}`;
    const groupOf = async (agent: string) => {
      const summary = await api.request('GET', summaryPath, asAdmin);
      expect(summary.status, summary.text).toBe(200);
      return (summary.json.groups as AgentGroup[]).find((group) => group.value === agent);
    };
    const before = await eventually(
      async () => {
        const group = await groupOf(agents.erased);
        return group !== undefined && group.csat.answers === 1 ? group : undefined;
      },
      15_000,
      'the answer counted',
    );

    const teamBefore = (await api.request('GET', summaryPath, asAdmin)).json.overall;

    const erased = await eraseCustomer(email);
    expect(erased.status, erased.stderr).toBe(0);
    expect(erased.stdout).toMatch(/Erased \d+ items of 1 customer id \(changed of found: .*complaint 1 of 1.*response 1 of 1/);
    // The command prints no one's address.
    expect(erased.stdout + erased.stderr).not.toContain(email.toLowerCase());

    // Not one item holds the email (in any case), the name or the comment.
    const traces = (await wholeTable()).filter((item) => {
      const text = item.toLowerCase();
      return text.includes(email.toLowerCase()) || item.includes(name) || item.includes(comment);
    });
    expect(traces).toEqual([]);
    // The supervisors' view of the complaint still opens, its description erased.
    const detail = await api.request('GET', `/escalations/${complaintId}`, asAdmin);
    expect(detail.status, detail.text).toBe(200);
    expect(detail.json.complaint).toMatchObject({ category: 'attitude', description: '(erased)' });
    // The score, and what it is reported under, stay.
    expect(await api.getItem(`INVITATION#${surveyed.invitation.invitationId}`, 'RESPONSE')).toMatchObject({
      answer: { csat: 1 },
      reportedAs: { team, agent: agents.erased },
      erasedAt: expect.any(String),
    });
    expect(await api.getItem(`COMPLAINT#${complaintId}`, 'COMPLAINT')).toMatchObject({ category: 'attitude', reference: filed.json.reference });
    // What was removed is recorded, under the address's hash only.
    const subjectHash = createHash('sha256').update(`email:${email.toLowerCase()}`).digest('hex');
    const [record] = await api.itemsWhere('subjectHash', subjectHash);
    expect(record).toMatchObject({ pk: `ERASURE#${subjectHash}`, customers: 1, changed: { contact: 1, complaint: 1, response: 1 } });

    // The stream keeps each item's changes in order: once a change made to the response after the
    // erasure is counted, the erasure's change to it was counted before, and moved nothing.
    const marked = await api.request('PUT', `/responses/${surveyed.invitation.invitationId}/about-product`, {
      ...asAdmin,
      headers: { ...asAdmin.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ aboutProductNotAgent: true }),
    });
    expect(marked.status, marked.text).toBe(200);
    // The agent's counter item stays, at zero answers.
    await eventually(async () => ((await groupOf(agents.erased))?.csat.answers === 0 ? true : undefined), 20_000, 'the mark counted, after the erasure');
    expect(before.csat.answers).toBe(1);
    // The team's answer figures are as they were before the erasure.
    const { csat, nps, unconfirmed } = (await api.request('GET', summaryPath, asAdmin)).json.overall;
    expect({ csat, nps, unconfirmed }).toEqual({ csat: teamBefore.csat, nps: teamBefore.nps, unconfirmed: teamBefore.unconfirmed });

    // Again: by address nothing of theirs is found, but the record says it was erased; by id, what is kept holds nothing to erase.
    const again = await eraseCustomer(email);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain(`Nothing left to erase: erased at ${String(record?.['erasedAt'])}`);
    const byId = await eraseCustomer(surveyed.customerId);
    expect(byId.status, byId.stderr).toBe(0);
    expect(byId.stdout).toContain('Nothing left to erase for 1 customer id');
  });

  it('refuses a customer it cannot find, with a non-zero exit, naming no one', async () => {
    const unknown = await eraseCustomer(`nobody-${randomUUID()}@example.com`);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('No customer with that id or address');
    expect(unknown.stderr).not.toContain('nobody-');
  });
});
