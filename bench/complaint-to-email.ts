// From `POST /complaints` to the assignee's email in the SES emulator, through the local
// pipeline: submit-complaint, the queue, store-complaint (1 BatchGetItem, 1 TransactWriteItems,
// then the fast path: per email a claim, SendEmail and mark-sent), aws-ses-v2-local. One
// complaint at a time, polling the mail store every 10 ms. Then the same for a confirmed survey
// score of 1: from the JSON POST to the survey page to the assignee's email (survey-page, the answer
// queue, store-survey-answer storing the answer and opening the escalation, the fast path).
// Starts its own pipeline under .data/bench-complaint-email.
// Usage: npx tsx bench/complaint-to-email.ts [complaints=20]
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { rm } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { surveyEscalationReference } from '../functions/intake/core/complaint-reference.ts';
import { surveyResponseId } from '../functions/surveys/core/record-survey-answer.ts';
import { startLocalPipeline } from '../local/start-local-pipeline.ts';
import { sendInvitation } from '../test/helpers/survey-invitations.ts';
import { median, printTable } from './table.ts';

const count = Number(process.argv[2] ?? 20);
const dataDir = fileURLToPath(new URL('../.data/bench-complaint-email/', import.meta.url));
await rm(dataDir, { recursive: true, force: true });
const pipeline = await startLocalPipeline({ dataDir, port: 0 });

type StoredEmail = { readonly subject: string; readonly destination: { readonly to: readonly string[] } };
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;
const toSupervisor: number[] = [];
const toComplainant: number[] = [];
const lowScoreToSupervisor: number[] = [];
const dynamodb = new DynamoDBClient({
  endpoint: pipeline.dynamodbEndpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
const world = { apiUrl: pipeline.apiUrl, dynamodb, tableName: pipeline.tableName, secretsEndpoint: pipeline.secretsEndpoint, secrets: pipeline.secrets };

/** Milliseconds from `startedAt` until an "assigned to you" email about `reference` is in the mail store. */
const untilAssigned = async (reference: string, since: number, startedAt: number) => {
  for (;;) {
    if (performance.now() - startedAt > 30_000) throw new Error(`no email for ${reference} within 30 s`);
    const { emails } = (await (await fetch(`${pipeline.mailUrl}/store?since=${since}`)).json()) as { emails: StoredEmail[] };
    if (emails.some((email) => email.subject.includes(reference) && /assigned to you/.test(email.subject))) return performance.now() - startedAt;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};
try {
  // One untimed complaint first: the consumer's and the mail store's cold starts are not the steady state.
  for (let i = 0; i <= count; i++) {
    const since = Math.floor(Date.now() / 1000) - 1;
    const startedAt = performance.now();
    const response = await fetch(`${pipeline.apiUrl}/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `bench-${i}@example.com`, category: 'slow-response', description: `Bench complaint ${i}` }),
    });
    if (response.status !== 202) throw new Error(`POST /complaints answered ${response.status}`);
    const { reference } = (await response.json()) as { reference: string };
    let supervisorAt: number | undefined;
    let complainantAt: number | undefined;
    while (supervisorAt === undefined || complainantAt === undefined) {
      if (performance.now() - startedAt > 30_000) throw new Error(`no emails for ${reference} within 30 s`);
      const { emails } = (await (await fetch(`${pipeline.mailUrl}/store?since=${since}`)).json()) as { emails: StoredEmail[] };
      const now = performance.now() - startedAt;
      const about = emails.filter((email) => email.subject.includes(reference));
      if (supervisorAt === undefined && about.some((email) => /assigned to you/.test(email.subject))) supervisorAt = now;
      if (complainantAt === undefined && about.some((email) => email.destination.to.includes(`bench-${i}@example.com`))) complainantAt = now;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    if (i === 0) continue;
    toSupervisor.push(supervisorAt);
    toComplainant.push(complainantAt);
  }
  // The same for a confirmed 1 on a survey page; one untimed first, for the cold starts.
  for (let i = 0; i <= count; i++) {
    const sent = await sendInvitation(world, { caseContext: { tier: 'premium', team: 'cloud-platform' } });
    const reference = surveyEscalationReference(surveyResponseId(sent.invitation.invitationId));
    const since = Math.floor(Date.now() / 1000) - 1;
    const startedAt = performance.now();
    const response = await fetch(sent.surveyUrl(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ csat: 1 }) });
    if (response.status !== 202) throw new Error(`POST /s/{token} answered ${response.status}`);
    const elapsed = await untilAssigned(reference, since, startedAt);
    if (i > 0) lowScoreToSupervisor.push(elapsed);
  }
} finally {
  await pipeline.stop();
}

const row = (name: string, values: number[]) => [name, median(values).toFixed(0), percentile(values, 0.9).toFixed(0), Math.max(...values).toFixed(0)];
printTable(
  `POST (complaint, or survey answer) to email in the SES emulator, local pipeline, ${count} of each one after another (ms)`,
  ['email', 'median', 'p90', 'max'],
  [row('assignee (supervisor)', toSupervisor), row('complainant acknowledgement', toComplainant), row('confirmed CSAT 1 -> assignee', lowScoreToSupervisor)],
);
