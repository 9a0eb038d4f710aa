import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { validComplaint } from '../../helpers/submissions.ts';
import { mailAndSchedules } from '../helpers/mail-and-schedules.ts';
import { connectTo, eventually } from '../helpers/pipeline-connection.ts';

const connection = inject('pipeline');
const pipeline = connectTo(connection);
const { emailsTo } = mailAndSchedules(connection);

/** The JSON lines a function logged that carry `correlationId`. */
const linesWith = async (functionFolder: string, correlationId: string) => {
  const text = await readFile(join(connection.dataDir!, 'logs', `${functionFolder}.log`), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line.includes(correlationId))
    .map((line) => JSON.parse(line.slice(line.indexOf('{'))) as Record<string, unknown>);
};

describe('one correlation id from the request to the email', () => {
  it('names the API request id in the answer, the intake and consumer logs, and the escalation emails', async () => {
    const complainant = `correlated-${Date.now()}@example.com`;
    const accepted = await pipeline.postJson('/complaints', validComplaint({ email: complainant }));
    expect(accepted.status).toBe(202);
    const requestId = accepted.headers.get('apigw-requestid');
    expect(requestId).toMatch(/^[\w-]{12,}$/);

    // Through the complaint queue (a message attribute) to the consumer, and into the emails it sent.
    const emails = await eventually(
      async () => {
        const sent = (await emailsTo(complainant)) as unknown as { headers?: { name: string; value: string }[] }[];
        return sent.length > 0 ? sent : undefined;
      },
      20_000,
      'the acknowledgement to the complainant',
    );
    expect(emails[0]!.headers).toContainEqual({ name: 'X-Correlation-Id', value: requestId });

    const intake = await linesWith('submit-complaint', requestId!);
    expect(intake.map((line) => line['message'])).toContain('Complaint accepted');
    const consumer = await eventually(
      async () => {
        const lines = await linesWith('store-complaint', requestId!);
        return lines.some((line) => line['message'] === 'Escalation opened') ? lines : undefined;
      },
      10_000,
      'the consumer’s lines',
    );
    for (const line of [...intake, ...consumer]) expect(line['correlation_id']).toBe(requestId);
    // Still no personal data in any of them.
    expect(JSON.stringify([...intake, ...consumer])).not.toContain(complainant);
  });
});
