import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { describe, expect, inject, it } from 'vitest';
import { sendInvitation } from '../../helpers/survey-invitations.ts';
import { validComplaint } from '../../helpers/submissions.ts';
import { connectTo, eventually } from '../helpers/pipeline-connection.ts';

const pipeline = inject('pipeline');
const api = connectTo(pipeline);
const world = { ...pipeline, dynamodb: api.dynamodb };
const asAdmin = { authorization: `Bearer ${pipeline.supervisorTokens['admin-grace']}` };

/** Every page of an export, following its Link headers, joined as the console joins them. */
const exportOf = async (query: Record<string, string>, headers: Record<string, string> = asAdmin) => {
  const pages: Buffer[] = [];
  let path: string | undefined = `/reports/export.csv?${new URLSearchParams(query)}`;
  while (path !== undefined) {
    // The bytes as sent: decoding as text would drop the BOM.
    const page = await fetch(`${pipeline.apiUrl}${path}`, { headers });
    const body = Buffer.from(await page.arrayBuffer());
    expect(page.status, body.toString('utf8')).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    pages.push(body);
    path = /^<([^>]+)>; rel="next"$/.exec(page.headers.get('link') ?? '')?.[1];
  }
  const bytes = Buffer.concat(pages);
  return { bytes, rows: parse(bytes, { bom: true, columns: true }) as Record<string, string>[] };
};

const form = (fields: Record<string, string>) => ({
  body: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

describe('the CSV export, through the API', () => {
  it('gives back a complaint’s text as it went in (Japanese, commas, quotes, newlines), a formula defused, with a BOM and no email', async () => {
    const written = '請求が二重です、「至急」お願いします。\nThe "second" charge, again.';
    const formula = '=HYPERLINK("http://example.com","x") 計算';
    const email = `export+${randomUUID()}@example.com`;
    const filed = await Promise.all(
      [written, formula].map((description) => api.postJson('/complaints', validComplaint({ email, description, category: 'billing' }))),
    );
    const ids = filed.map((answer) => (answer.json as { complaintId: string }).complaintId);
    const stored = await Promise.all(ids.map((id) => eventually(() => api.getItem(`COMPLAINT#${id}`, 'COMPLAINT'), 15_000, `complaint ${id}`)));
    const day = String(stored[0]!['acceptedAt']).slice(0, 10);

    const { bytes, rows } = await exportOf({ from: day, to: day, kind: 'complaints' });
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const byReference = new Map(rows.map((row) => [row['reference'], row]));
    expect(byReference.get(String(stored[0]!['reference']))).toMatchObject({ category: 'billing', description: written });
    expect(byReference.get(String(stored[1]!['reference']))?.['description']).toBe(`'${formula}`);
    expect(bytes.toString('utf8')).not.toContain(email);
  });

  it('exports a team’s survey answers with their comments, and refuses a supervisor another team’s', async () => {
    const team = `export-${randomUUID()}`;
    const sent = await sendInvitation(world, { locale: 'ja', caseContext: { tier: 'premium', team, agentId: 'agent-export' } });
    const comment = 'とても早かった, "本当に"\n助かりました';
    expect((await api.request('POST', sent.surveyPath(), form({ score: '5', comment }))).status).toBe(200);
    const response = await eventually(() => api.getItem(`INVITATION#${sent.invitation.invitationId}`, 'RESPONSE'), 15_000, 'the stored response');
    const day = String(response['firstAnsweredAt']).slice(0, 10);

    const { rows } = await exportOf({ from: day, to: day, kind: 'responses', team });
    expect(rows).toEqual([expect.objectContaining({ status: 'confirmed', csat: '5', comment, team, agent: 'agent-export', tier: 'premium', language: 'ja' })]);

    const refused = await api.request('GET', `/reports/export.csv?${new URLSearchParams({ from: day, to: day, kind: 'responses', team })}`, {
      headers: { authorization: `Bearer ${pipeline.supervisorTokens['sup-japan-haruto']}` },
    });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('forbidden');
  });

  it('answers 400 to a cursor made up to look like one it gave, which DynamoDB refuses as a start key', async () => {
    const forged = Buffer.from(JSON.stringify({ partition: 0, key: { pk: { S: 'COMPLAINT#someone-else' } } })).toString('base64url');
    const answer = await api.request(
      'GET',
      `/reports/export.csv?${new URLSearchParams({ from: '2026-12-01', to: '2026-12-31', kind: 'complaints', cursor: forged })}`,
      { headers: asAdmin },
    );
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe('invalid_cursor');
  });
});
