// 1,000 due survey invitations -> dispatcher -> notifications queue -> mailer -> SES emulator.
// Starts its own local pipeline under .data/bench-dispatch and measures two ways:
//  1. in this process, with the same core and adapters (dispatchDueEmails, mailSurveyEmail) on
//     the same emulators and a queue of its own, with every AWS SDK command counted, for the
//     requests per invitation;
//  2. through the pipeline itself: the template's dispatch schedule fired from the control
//     endpoint (as often as its per-run cap needs), the mailer in its worker threads driven by
//     the local event source mapping (its MaximumConcurrency honoured, the mailer pacing itself
//     as on AWS), until the SES emulator's store holds every email; the busiest second shows
//     whether SES's rate held in every second.
// Usage: npm run bench:dispatch -- [invitations=1000]
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { CreateQueueCommand, DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { marshall } from '@aws-sdk/util-dynamodb';
import { DynamoDbCaseIntakeStore } from '../functions/surveys/adapters/dynamodb-case-intake-store.ts';
import { DynamoDbSurveyDispatchStore } from '../functions/surveys/adapters/dynamodb-survey-dispatch-store.ts';
import { DynamoDbSurveyMailStore } from '../functions/surveys/adapters/dynamodb-survey-mail-store.ts';
import { loadSigningKeyRing } from '../functions/links/adapters/secrets-manager-signing-key.ts';
import { SesSurveyMailer } from '../functions/surveys/adapters/ses-survey-mailer.ts';
import { SqsMessageBatchQueue } from '../functions/platform/queue/sqs-message-batch-queue.ts';
import { type SurveyMailDueMessage, surveyMailDueMessage } from '../functions/surveys/contracts/survey-mail-messages.ts';
import { surveyPolicySettingsSchema } from '../functions/surveys/contracts/survey-policy-settings.ts';
import { decideInvitation } from '../functions/surveys/core/decide-invitation.ts';
import { dispatchDueEmails } from '../functions/surveys/core/dispatch-due-emails.ts';
import { EMPTY_SURVEY_HISTORY } from '../functions/surveys/core/customer-survey-history.ts';
import { mailSurveyEmail } from '../functions/surveys/core/mail-survey-email.ts';
import { dispatchRunCap } from '../functions/surveys/core/plan-dispatch-run.ts';
import { startLocalPipeline } from '../local/start-local-pipeline.ts';
import { printTable } from './table.ts';

const count = Number(process.argv[2] ?? 1000);
const sesMaxSendRate = 14;
const runCap = dispatchRunCap(sesMaxSendRate, 60);
const dataDir = fileURLToPath(new URL('../.data/bench-dispatch/', import.meta.url));
await rm(dataDir, { recursive: true, force: true });
const pipeline = await startLocalPipeline({ dataDir, port: 0 });
const localAws = { region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };

// Every command each client sends, counted before retries (what a bill counts, near enough).
const byCommand: Record<string, number> = {};
// biome-ignore lint/suspicious/noExplicitAny: the three SDK clients' middleware stacks differ only in their input types.
const counted = <Client extends { middlewareStack: { add: (...args: any[]) => void } }>(client: Client, tally: { n: number }) => {
  client.middlewareStack.add(
    (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
      tally.n++;
      const key = context.commandName ?? 'unknown';
      byCommand[key] = (byCommand[key] ?? 0) + 1;
      return next(args);
    },
    { step: 'initialize', name: 'countCommands' },
  );
  return client;
};
const setupDynamodb = new DynamoDBClient({ ...localAws, endpoint: pipeline.dynamodbEndpoint });
const setupStore = new DynamoDbCaseIntakeStore(setupDynamodb, pipeline.tableName);
const policy = surveyPolicySettingsSchema.parse({ invitationDelayHours: 0 });

/** Schedules `n` invitations for new customers with contacts, due at `at`; returns their addresses. */
const scheduleMany = async (n: number, at: Date, tag: string): Promise<Set<string>> => {
  const addresses = new Set<string>();
  const one = async (i: number) => {
    const customerId = `bench-${tag}-${i}-${randomUUID()}`;
    const email = `bench+${tag}-${i}@example.com`;
    addresses.add(email);
    await setupDynamodb.send(
      new PutItemCommand({
        TableName: pipeline.tableName,
        Item: marshall({ pk: `CUSTOMER#${customerId}`, sk: 'CONTACT', customerId, email, tier: 'standard', lastSeenAt: at.toISOString() }),
      }),
    );
    const caseResolved = { caseId: `CASE-${customerId}`, resolvedAt: at.toISOString(), customer: { id: customerId, email, tier: 'standard' as const } };
    const decision = decideInvitation(caseResolved, EMPTY_SURVEY_HISTORY, policy, at);
    if (decision.kind !== 'scheduled') throw new Error(`not scheduled: ${decision.reason}`);
    await setupStore.scheduleInvitation(decision);
  };
  for (let start = 0; start < n; start += 25) await Promise.all(Array.from({ length: Math.min(25, n - start) }, (_, k) => one(start + k)));
  return addresses;
};

/** The SES emulator's emails to `addresses`, each with the whole second it was accepted in. */
const emailsTo = async (addresses: Set<string>) => {
  const { emails } = (await (await fetch(`${pipeline.mailUrl}/store`)).json()) as { emails: { at: number; destination: { to: string[] } }[] };
  return emails.filter((email) => email.destination.to.some((to) => addresses.has(to)));
};
const mailedTo = async (addresses: Set<string>) => (await emailsTo(addresses)).length;

/** The most emails the SES emulator accepted in one calendar second. */
const busiestSecond = (emails: readonly { at: number }[]) => {
  const perSecond = new Map<number, number>();
  for (const { at } of emails) perSecond.set(at, (perSecond.get(at) ?? 0) + 1);
  return Math.max(0, ...perSecond.values());
};

try {
  // 1. In process, counted.
  const tallies = { dynamodb: { n: 0 }, sqs: { n: 0 }, ses: { n: 0 } };
  const dynamodb = counted(new DynamoDBClient({ ...localAws, endpoint: pipeline.dynamodbEndpoint }), tallies.dynamodb);
  const sqs = counted(new SQSClient({ ...localAws, endpoint: pipeline.sqsEndpoint }), tallies.sqs);
  const ses = counted(new SESv2Client({ ...localAws, endpoint: pipeline.mailUrl }), tallies.ses);
  const { QueueUrl } = await new SQSClient({ ...localAws, endpoint: pipeline.sqsEndpoint }).send(
    new CreateQueueCommand({ QueueName: `bench-notifications-${Date.now()}` }),
  );
  const dispatchStore = new DynamoDbSurveyDispatchStore(dynamodb, pipeline.tableName);
  const store = new DynamoDbSurveyMailStore(dynamodb, pipeline.tableName);
  const secretArn = Object.entries(pipeline.secrets).find(([logicalId]) => /LinkSigningKey/.test(logicalId))![1];
  const ring = await loadSigningKeyRing(new SecretsManagerClient({ ...localAws, endpoint: pipeline.secretsEndpoint }), secretArn);
  // Weeks ahead of the clock, so the pipeline's own dispatcher leaves these alone.
  const at = new Date(Date.now() + 30 * 86_400_000);
  const inProcess = await scheduleMany(count, at, 'counted');
  const settings = surveyPolicySettingsSchema.parse({});
  const mailDeps = {
    store,
    mailer: new SesSurveyMailer(ses, 'surveys@example.com', 'SupportFeedbackPipeline-surveys'),
    settings,
    baseUrl: new URL(pipeline.apiUrl),
    signingKey: ring.current,
    newClaimId: randomUUID,
  };
  const queue = new SqsMessageBatchQueue<SurveyMailDueMessage>(sqs, QueueUrl!);

  const started = performance.now();
  let dispatched = 0;
  let dispatchRuns = 0;
  let dispatchMs = 0;
  let mailed = 0;
  // Dispatcher runs back to back (a minute apart on AWS), two mailer pollers as the local mapping has.
  const dispatching = (async () => {
    while (dispatched < count) {
      const runStart = performance.now();
      const report = await dispatchDueEmails({ store: dispatchStore, queue, settings, runCap }, new Date(at.getTime() + 1000));
      dispatchMs += performance.now() - runStart;
      dispatchRuns++;
      dispatched += report.invitations;
      if (report.invitations === 0) break;
    }
  })();
  const poll = async () => {
    while (mailed < count) {
      const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
      if (Messages.length === 0) {
        if (dispatched >= count) break;
        continue;
      }
      const outcomes = await Promise.all(
        Messages.map((message) => mailSurveyEmail(surveyMailDueMessage.parse(JSON.parse(message.Body!)), mailDeps, new Date(at.getTime() + 2000))),
      );
      mailed += outcomes.filter((outcome) => outcome.kind === 'sent').length;
      await sqs.send(
        new DeleteMessageBatchCommand({ QueueUrl, Entries: Messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle })) }),
      );
    }
  };
  await Promise.all([dispatching, poll(), poll()]);
  const inProcessMs = performance.now() - started;
  const inStore = await mailedTo(inProcess);

  // 2. Through the local pipeline, after the counted run: its reminders, due three days after
  // sending, are then no business of the counted run (whose clock is weeks ahead).
  const viaPipeline = await scheduleMany(count, new Date(), 'pipeline');
  const schedules = (await (await fetch(`${pipeline.controlUrl}/schedules`)).json()) as { schedules: { name: string }[] };
  const scheduleName = schedules.schedules.find((schedule) => /DispatchSchedule/.test(schedule.name))!.name;
  const pipelineStart = performance.now();
  let runs = 0;
  while ((await mailedTo(viaPipeline)) < count && runs <= Math.ceil(count / runCap) + 1) {
    await fetch(`${pipeline.controlUrl}/schedules/${encodeURIComponent(scheduleName)}/run`, { method: 'POST' });
    runs++;
    // The next run once this one's emails are out, as runs a minute apart would find it on AWS.
    const expected = Math.min(count, runs * runCap);
    const deadline = Date.now() + 120_000;
    while ((await mailedTo(viaPipeline)) < expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const pipelineMailed = await mailedTo(viaPipeline);
  const pipelineMs = performance.now() - pipelineStart;

  printTable(
    `Survey dispatch and mail of ${count} due invitations on the local emulators (SES rate ${sesMaxSendRate}/s: at most ${runCap} per one-minute run)`,
    ['path', 'emails in SES store', 'dispatcher runs', 'elapsed (s)', 'emails/s', 'busiest second'],
    [
      [
        'local pipeline (schedule -> workers)',
        `${pipelineMailed}/${count}`,
        String(runs),
        (pipelineMs / 1000).toFixed(1),
        (pipelineMailed / (pipelineMs / 1000)).toFixed(0),
        String(busiestSecond(await emailsTo(viaPipeline))),
      ],
      [
        'same core in process (counted)',
        `${inStore}/${count}`,
        String(dispatchRuns),
        (inProcessMs / 1000).toFixed(1),
        (inStore / (inProcessMs / 1000)).toFixed(0),
        `${busiestSecond(await emailsTo(inProcess))} (unpaced)`,
      ],
    ],
  );
  printTable(
    'Requests per invitation (in-process run; commands, before SDK retries)',
    ['service', 'total', 'per invitation'],
    Object.entries(tallies).map(([service, tally]) => [service, String(tally.n), (tally.n / count).toFixed(2)]),
  );
  console.log(
    `Commands: ${Object.entries(byCommand)
      .map(([name, n]) => `${name} ${n}`)
      .join(', ')}`,
  );
  console.log(`Dispatcher time alone (in process): ${(dispatchMs / 1000).toFixed(2)} s over ${dispatchRuns} runs.`);
  console.log(`On AWS the cap spreads ${count} emails over ${Math.ceil(count / runCap)} one-minute runs (SES ${sesMaxSendRate}/s).`);
} finally {
  await pipeline.stop();
}
