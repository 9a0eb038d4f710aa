import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { readFile } from 'node:fs/promises';
import { demoUserToken, type LocalPoolConnection } from '../auth/demo-accounts.ts';
import { demoDirectory } from '../auth/demo-directory.ts';
import { reportHistoryItems, writeItems } from '../demo/report-history.ts';
import { localClientConfig } from '../emulators/local-aws.ts';
import { localDataDir } from './local-data-dir.ts';

// `npm run demo`: with `npm start` running in another terminal, resolves a few sample cases
// through the real API (as a support system would, with the integration key from local.json),
// fires the invitation dispatcher's schedule now instead of waiting up to a minute for it, and
// waits until the invitations are in the mail viewer. One customer answers their survey with a
// confirmed 1, which the rules escalate. Then it files a complaint about each case through
// `POST /complaints` (one from the premium customer), so the escalations' assignees get their
// emails and the complainants their acknowledgements, and fires the outbox sweep too. Last, it
// writes a past quarter of survey answers and help-article feedback, so the console's reports
// have trends to show.

interface LocalConnection extends LocalPoolConnection {
  readonly apiUrl: string;
  readonly controlUrl: string;
  readonly mailUrl: string;
  readonly authIssuerUrl: string;
  readonly integrationKey: string;
  readonly dynamodbEndpoint: string;
  readonly tableName: string;
}

interface ScheduleStatus {
  readonly name: string;
  readonly targetFunctions: readonly string[];
}

const fail = (message: string): never => {
  console.error(message);
  process.exit(1);
};

const dataDir = localDataDir(process.env);
const connection = await readFile(`${dataDir}local.json`, 'utf8').then(
  (text) => JSON.parse(text) as LocalConnection,
  () => fail('npm run demo talks to the local pipeline, and none is running: start it with `npm start` in another terminal, then run `npm run demo` again.'),
);

// Unique per run: the survey policy surveys a customer at most once per 30 days and a case once,
// so a second demo with the same ids would (rightly) be skipped.
const run = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
// Resolved 25 hours ago, so the default 24-hour delay has passed and the invitations are due now.
const resolvedAt = new Date(Date.now() - 25 * 3_600_000).toISOString();
const sampleCases = [
  {
    caseId: `DEMO-${run}-1`,
    customer: { id: `demo-${run}-ada`, email: 'ada@example.com', name: 'Ada Lovelace', locale: 'en-GB', tier: 'premium' },
    product: 'cloud-storage',
    team: 'cloud-platform',
    channel: 'email',
  },
  {
    caseId: `DEMO-${run}-2`,
    customer: { id: `demo-${run}-haruki`, email: 'haruki@example.jp', name: '村上 春樹', locale: 'ja-JP', tier: 'standard', region: 'jp' },
    product: 'billing',
    team: 'japan-support',
    channel: 'phone',
  },
  {
    caseId: `DEMO-${run}-3`,
    customer: { id: `demo-${run}-grace`, email: 'grace@example.com', name: 'Grace Hopper', tier: 'standard' },
    product: 'compiler',
    team: 'general-support',
    channel: 'chat',
  },
];

for (const sample of sampleCases) {
  const response = await fetch(`${connection.apiUrl}/cases/resolved`, {
    method: 'POST',
    headers: { authorization: `Bearer ${connection.integrationKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ...sample, resolvedAt }),
  }).catch((error: Error) => fail(`The local API at ${connection.apiUrl} does not answer (${error.message}): is \`npm start\` still running?`));
  const body = await response.text();
  if (!response.ok) fail(`POST /cases/resolved answered ${response.status}: ${body}`);
  console.log(`Case ${sample.caseId} resolved (${sample.customer.locale ?? 'no locale'}): ${response.status} ${body}`);
}

const listed = (await (await fetch(`${connection.controlUrl}/schedules`)).json()) as { schedules: ScheduleStatus[] };
const dispatcher =
  listed.schedules.find((schedule) => [schedule.name, ...schedule.targetFunctions].some((name) => /dispatch/i.test(name))) ??
  fail(`No dispatcher schedule among ${listed.schedules.map((schedule) => schedule.name).join(', ')}`);
const before = Math.floor(Date.now() / 1000) - 1;
const fired = await fetch(`${connection.controlUrl}/schedules/${encodeURIComponent(dispatcher.name)}/run`, { method: 'POST' });
if (!fired.ok) fail(`Firing ${dispatcher.name} failed: ${fired.status} ${await fired.text()}`);
console.log(`Dispatcher fired (${dispatcher.name}).`);

interface StoredEmail {
  readonly subject: string;
  readonly destination: { readonly to: readonly string[] };
  readonly body: { readonly text?: string };
}
const emailsSince = async () => ((await (await fetch(`${connection.mailUrl}/store?since=${before}`)).json()) as { emails: StoredEmail[] }).emails;

// The mailer is an SQS consumer: give it a few polls.
const deadline = Date.now() + 60_000;
let invitations = 0;
while (Date.now() < deadline) {
  invitations = (await emailsSince()).filter((email) => !/CMP-|CSAT-/.test(email.subject)).length;
  if (invitations >= sampleCases.length) break;
  await new Promise((resolve) => setTimeout(resolve, 500));
}
if (invitations < sampleCases.length)
  fail(`Only ${invitations} of ${sampleCases.length} invitations reached the mail viewer within a minute: see .data/logs/ for the mailer's log.`);
console.log(`\n${invitations} invitations sent. Open the mail viewer, click a rating and finish the survey:\n  ${connection.mailUrl}`);

// One unhappy customer: Grace answers her survey with a confirmed 1 through the link in her
// email (the page's JSON API, as a form POST would), which opens an escalation of its own.
const graceInvitation = (await emailsSince()).find((email) => email.destination.to.includes('grace@example.com'));
const surveyLink = /https?:\/\/\S+\/s\/[\w.~-]+/.exec(graceInvitation?.body.text ?? '')?.[0] ?? fail('No survey link in the invitation to grace@example.com.');
const answered = await fetch(surveyLink, {
  method: 'POST',
  headers: { accept: 'application/json', 'content-type': 'application/json' },
  body: JSON.stringify({ csat: 1, reasons: ['resolution'], comment: 'The build still fails.' }),
});
if (answered.status !== 202) fail(`Answering the survey answered ${answered.status}: ${await answered.text()}`);
console.log('Grace answered her survey with a 1 (confirmed): the rules escalate it to a supervisor.');

// Complaints about the same cases: each inherits its case's customer, tier and team, and is
// escalated to a supervisor of that team (never the agent the case names).
const sampleComplaints = [
  {
    caseId: sampleCases[0]!.caseId,
    email: 'ada@example.com',
    category: 'attitude',
    description: 'The engineer was dismissive and closed my case without a fix.',
  },
  { caseId: sampleCases[1]!.caseId, email: 'haruki@example.jp', category: 'slow-response', description: '三日間返事がありませんでした。' },
  { caseId: sampleCases[2]!.caseId, email: 'grace@example.com', category: 'wrong-advice', description: 'The advice I got broke my build.' },
];
const references: string[] = [];
for (const complaint of sampleComplaints) {
  const response = await fetch(`${connection.apiUrl}/complaints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(complaint),
  });
  const body = await response.text();
  if (!response.ok) fail(`POST /complaints answered ${response.status}: ${body}`);
  const { reference } = JSON.parse(body) as { reference: string };
  references.push(reference);
  console.log(`Complaint ${reference} filed about case ${complaint.caseId}.`);
}
// The consumer sends at once; the sweep sends whatever that missed.
const sweep = listed.schedules.find((schedule) => [schedule.name, ...schedule.targetFunctions].some((name) => /send-notifications|SweepSchedule/i.test(name)));
if (sweep) await fetch(`${connection.controlUrl}/schedules/${encodeURIComponent(sweep.name)}/run`, { method: 'POST' });

// Each complaint: its assignee and its complainant; the low score: its assignee only.
const expectedEmails = 2 * references.length + 1;
const complaintDeadline = Date.now() + 60_000;
let escalationEmails: StoredEmail[] = [];
while (Date.now() < complaintDeadline) {
  escalationEmails = (await emailsSince()).filter((email) => references.some((reference) => email.subject.includes(reference)) || /CSAT-/.test(email.subject));
  if (escalationEmails.length >= expectedEmails) break;
  await new Promise((resolve) => setTimeout(resolve, 500));
}
if (escalationEmails.length < expectedEmails)
  fail(
    `Only ${escalationEmails.length} of ${expectedEmails} escalation emails reached the mail viewer within a minute: see .data/logs/ for the consumers' logs.`,
  );
console.log(`\n${escalationEmails.length} escalation emails sent (each assignee, each complainant, and the low score's assignee):`);
for (const email of escalationEmails) console.log(`  ${email.destination.to.join(', ')}: ${email.subject}`);

// The supervisor API names an escalation by its own id, not by the reference in the emails: ask
// it, as the admin, for this run's escalations.
const admin = demoDirectory.find((user) => user.groups.includes('admin'))!;
const adminToken = await demoUserToken(connection, admin.userId);
const openEscalations = await fetch(`${connection.apiUrl}/escalations?limit=100`, { headers: { authorization: `Bearer ${adminToken}` } });
if (!openEscalations.ok) fail(`GET /escalations answered ${openEscalations.status}: ${await openEscalations.text()}`);
const runReferences = new Set([...references, ...escalationEmails.flatMap((email) => /CSAT-[0-9A-Z]+/.exec(email.subject) ?? [])]);
const escalations = ((await openEscalations.json()) as { escalations: { id: string; reference: string; team: string; assignee: string }[] }).escalations.filter(
  (escalation) => runReferences.has(escalation.reference),
);
const example = escalations[0] ?? fail(`None of ${[...runReferences].join(', ')} is among the open escalations.`);
console.log('\nTheir escalations (id for the supervisor API, team, assignee):');
for (const escalation of escalations) console.log(`  ${escalation.reference}  ${escalation.id}  ${escalation.team}  ${escalation.assignee}`);
console.log(
  `\nClaim one as its assignee (\`npm run token -- <userId>\` mints their token), then note and resolve it, e.g.\n` +
    `  curl -X POST ${connection.apiUrl}/escalations/${example.id}/claim -H "authorization: Bearer $(npm run -s token -- ${example.assignee})"`,
);

// The 13 weeks before this one, for each demo team: answers dated in the past, which the API
// cannot do, written as the stores write them. The same ids each run: a second demo rewrites
// them, and the counters, kept by difference, count them once.
const thisMonday = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()));
thisMonday.setUTCDate(thisMonday.getUTCDate() - ((thisMonday.getUTCDay() + 6) % 7));
const firstMonday = new Date(thisMonday.getTime() - 13 * 7 * 86_400_000).toISOString().slice(0, 10);
const historyTeams = [
  { team: 'general-support', region: 'US', language: 'en', csat: [24, 22, 26, 21, 25, 9, 23, 22, 27, 24, 20, 25, 23] },
  { team: 'cloud-platform', region: 'EU', language: 'en', csat: [21, 23, 20, 22, 24, 21, 4, 22, 25, 21, 23, 20, 26] },
  { team: 'japan-support', region: 'jp', language: 'ja', csat: [22, 20, 25, 23, 21, 24, 22, 20, 6, 23, 25, 22, 24] },
];
const dynamodb = new DynamoDBClient(localClientConfig(connection.dynamodbEndpoint));
for (const [teamIndex, { team, region, language, csat }] of historyTeams.entries()) {
  await writeItems(
    dynamodb,
    connection.tableName,
    reportHistoryItems({
      id: `demo-${team}`,
      firstMonday,
      csatPerWeek: csat,
      npsPerWeek: [20, 0, 0, 0, 22, 0, 0, 0, 21, 0, 0, 0, 24],
      unansweredPerWeek: 8,
      reportedAs: (index) => ({
        team,
        agent: `agent-${team}-${(index % 3) + 1}`,
        product: ['cloud-storage', 'billing', 'compiler'][index % 3]!,
        region,
        language,
        tier: index % 4 === 0 ? 'premium' : 'standard',
      }),
      // Help-site feedback belongs to no team: written once, with the first team's history.
      articles:
        teamIndex === 0
          ? [
              { articleId: 'reset-your-password', helpful: 9, unhelpful: 19 },
              { articleId: 'getting-started', helpful: 41, unhelpful: 4 },
              { articleId: 'billing-faq', helpful: 18, unhelpful: 7 },
              { articleId: 'api-rate-limits', helpful: 3, unhelpful: 2 },
            ]
          : [],
    }),
  );
}
dynamodb.destroy();
console.log(
  `\nA quarter of past survey answers (from ${firstMonday}) and help-article feedback written for the reports: ` +
    `open the console's Reports (an admin, ${admin.userId}, sees every team and the help site; a supervisor their team) and download the CSV.`,
);
