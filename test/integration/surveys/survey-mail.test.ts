import { randomUUID } from 'node:crypto';
import { PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { marshall } from '@aws-sdk/util-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { DynamoDbCaseIntakeStore } from '../../../functions/surveys/adapters/dynamodb-case-intake-store.ts';
import { DynamoDbSurveyDispatchStore } from '../../../functions/surveys/adapters/dynamodb-survey-dispatch-store.ts';
import { DynamoDbSurveyMailStore } from '../../../functions/surveys/adapters/dynamodb-survey-mail-store.ts';
import { loadSigningKeyRing } from '../../../functions/links/adapters/secrets-manager-signing-key.ts';
import { SesSurveyMailer } from '../../../functions/surveys/adapters/ses-survey-mailer.ts';
import type { CaseResolved } from '../../../functions/surveys/contracts/case-resolved.ts';
import type { SurveyMailDueMessage } from '../../../functions/surveys/contracts/survey-mail-messages.ts';
import { surveyPolicySettingsSchema } from '../../../functions/surveys/contracts/survey-policy-settings.ts';
import { addressKey } from '../../../functions/surveys/core/address-key.ts';
import type { SurveyInvitation } from '../../../functions/surveys/core/customer-survey-history.ts';
import { decideInvitation } from '../../../functions/surveys/core/decide-invitation.ts';
import { dispatchDueEmails } from '../../../functions/surveys/core/dispatch-due-emails.ts';
import { mailSurveyEmail } from '../../../functions/surveys/core/mail-survey-email.ts';
import { verifySurveyToken } from '../../../functions/surveys/core/survey-token.ts';
import { verifyUnsubscribeToken } from '../../../functions/surveys/core/unsubscribe-token.ts';
import { type SigningKeyRing, verificationKeysOf } from '../../../functions/links/core/signing-key-ring.ts';
import { sesBounceEvent } from '../../helpers/ses-events.ts';
import { connectTo, eventually, QUEUES } from '../helpers/pipeline-connection.ts';

const pipeline = inject('pipeline');
const connection = connectTo(pipeline);
const cases = new DynamoDbCaseIntakeStore(connection.dynamodb, pipeline.tableName);
const dispatch = new DynamoDbSurveyDispatchStore(connection.dynamodb, pipeline.tableName);
const store = new DynamoDbSurveyMailStore(connection.dynamodb, pipeline.tableName);
const localAws = { region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
const DAY = 86_400_000;
// Scheduled at once, so the pipeline's dispatcher finds the invitation on its next run.
const immediatePolicy = surveyPolicySettingsSchema.parse({ invitationDelayHours: 0 });

interface StoredEmail {
  readonly messageId: string;
  /** When the emulator accepted it, in whole epoch seconds. */
  readonly at: number;
  readonly destination: { readonly to: readonly string[] };
  readonly subject: string;
  readonly body: { readonly html?: string; readonly text?: string };
  readonly headers?: readonly { readonly name: string; readonly value: string }[];
}

/** Every email the SES emulator holds for `address`, read over its HTTP API. */
const emailsTo = async (address: string): Promise<StoredEmail[]> => {
  const response = await fetch(`${pipeline.mailUrl}/store`);
  const { emails } = (await response.json()) as { emails: StoredEmail[] };
  return emails.filter((email) => email.destination.to.includes(address));
};

/** A unique customer with a CONTACT item, as `POST /cases/resolved` will write it. */
const customerWithContact = async (contact: { email?: string; name?: string; locale?: string } = {}) => {
  const customerId = `cust-${randomUUID()}`;
  const email = contact.email ?? `ada+${randomUUID()}@example.com`;
  // Seen long ago: the campaign test fires a real campaign over the customers seen this month, and
  // a relationship survey to one of these customers would be a second email the counts here do not expect.
  const lastSeenAt = '2020-01-15T00:00:00.000Z';
  await connection.dynamodb.send(
    new PutItemCommand({
      TableName: pipeline.tableName,
      Item: marshall(
        {
          pk: `CUSTOMER#${customerId}`,
          sk: 'CONTACT',
          gsi1pk: `SEEN#${lastSeenAt.slice(0, 7)}`,
          gsi1sk: customerId,
          customerId,
          email,
          tier: 'standard',
          lastSeenAt,
          ...(contact.name === undefined ? {} : { name: contact.name }),
          ...(contact.locale === undefined ? {} : { locale: contact.locale }),
        },
        { removeUndefinedValues: true },
      ),
    }),
  );
  return { customerId, email };
};

/** What the case intake does: decide and schedule (decideInvitation + scheduleInvitation). */
const scheduleInvitation = async (customerId: string, email: string, resolvedAt: Date, policy = immediatePolicy): Promise<SurveyInvitation> => {
  const caseResolved: CaseResolved = {
    caseId: `CASE-${randomUUID()}`,
    resolvedAt: resolvedAt.toISOString(),
    customer: { id: customerId, email, tier: 'standard' },
  };
  const decision = decideInvitation(caseResolved, await cases.loadCustomerHistory(customerId), policy, resolvedAt);
  if (decision.kind !== 'scheduled') throw new Error(`expected a scheduled invitation, got ${decision.reason}`);
  const outcome = await cases.scheduleInvitation(decision);
  if (outcome.kind !== 'scheduled') throw new Error(`scheduling refused: ${outcome.reason}`);
  return outcome.invitation;
};

const dispatchScheduleName = async () => {
  const response = await fetch(`${pipeline.controlUrl}/schedules`);
  const { schedules } = (await response.json()) as { schedules: { name: string }[] };
  const schedule = schedules.find((candidate) => /DispatchSchedule/.test(candidate.name));
  if (schedule === undefined) throw new Error(`no dispatch schedule among ${schedules.map((s) => s.name).join(', ')}`);
  return schedule.name;
};

/** Fires the template's dispatch schedule now, as `POST {controlUrl}/schedules/{name}/run` does for a developer. */
const runDispatcher = async () => {
  const response = await fetch(`${pipeline.controlUrl}/schedules/${encodeURIComponent(await dispatchScheduleName())}/run`, { method: 'POST' });
  expect(response.status).toBe(200);
};

const decisionsOf = async (invitation: SurveyInvitation) => cases.listDecisions(invitation.caseId!);
const decisionEvents = async (invitation: SurveyInvitation) => (await decisionsOf(invitation)).map((decision) => decision.event);

let ring: SigningKeyRing;
beforeAll(async () => {
  const secretArn = Object.entries(pipeline.secrets).find(([logicalId]) => /LinkSigningKey/.test(logicalId))?.[1];
  ring = await loadSigningKeyRing(new SecretsManagerClient({ ...localAws, endpoint: pipeline.secretsEndpoint }), secretArn!);
});

describe('survey mail through the local pipeline', () => {
  it('mails a due invitation: dispatcher, queue, mailer, then the email in the SES store with its headers, verifying links and a sent decision', async () => {
    const { customerId, email } = await customerWithContact({ name: 'Ada <Lovelace>', locale: 'ja' });
    const invitation = await scheduleInvitation(customerId, email, new Date());

    await runDispatcher();
    const [sent] = await eventually(async () => ((await emailsTo(email)).length > 0 ? emailsTo(email) : undefined), 20_000, 'the invitation email');

    expect(sent!.subject).toBe('サポートはいかがでしたか？');
    expect(sent!.body.html).toContain('Ada &lt;Lovelace&gt; 様');
    expect(sent!.body.text).toContain('Ada <Lovelace> 様');
    const headers = Object.fromEntries((sent!.headers ?? []).map((header) => [header.name, header.value]));
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const unsubscribe = /^<(.+)>$/.exec(headers['List-Unsubscribe']!)![1]!;
    expect(unsubscribe.startsWith(`${pipeline.apiUrl}/u/`)).toBe(true);
    const keys = verificationKeysOf(ring);
    const now = new Date();
    expect(verifyUnsubscribeToken(decodeURIComponent(unsubscribe.split('/u/')[1]!), keys, now)).toBe(invitation.invitationId);
    const ratingLinks = [...sent!.body.text!.matchAll(/^ {2}(\d)(?: \([^)]*\))?: (\S+)$/gm)].map(([, score, link]) => ({ score, link: link! }));
    expect(ratingLinks.map((rating) => rating.score)).toEqual(['1', '2', '3', '4', '5']);
    for (const { score, link } of ratingLinks) {
      const url = new URL(link);
      expect(url.searchParams.get('score')).toBe(score);
      expect(verifySurveyToken(decodeURIComponent(url.pathname.split('/s/')[1]!), keys, now)).toBe(invitation.invitationId);
    }

    const decisions = await eventually(async () => {
      const found = await decisionsOf(invitation);
      return found.some((decision) => decision.event === 'sent') ? found : undefined;
    });
    expect(decisions.map((decision) => decision.event)).toEqual(['scheduled', 'sent']);
    // Sent, and waiting on the reminders index from sentAt + 3 days.
    const item = await connection.getItem(`INVITATION#${invitation.invitationId}`, 'INVITATION');
    expect(item).toMatchObject({ state: 'sent', gsi1pk: 'REMINDERS_DUE' });
    expect(item?.gsi1sk).toBe(`${new Date(Date.parse(item?.sentAt as string) + 3 * DAY).toISOString()}#${invitation.invitationId}`);
    expect(item).not.toHaveProperty('sendingClaim');
    expect(item).not.toHaveProperty('dispatchLeaseUntil');
  });

  it('sends one email when the dispatcher runs twice at once', async () => {
    const { customerId, email } = await customerWithContact();
    const invitation = await scheduleInvitation(customerId, email, new Date());

    await Promise.all([runDispatcher(), runDispatcher()]);
    await runDispatcher();
    await eventually(async () => ((await decisionEvents(invitation)).includes('sent') ? true : undefined), 20_000, 'the sent decision');
    // The second dispatch's message, if any, reached the mail queue: wait until the mailer took it.
    await connection.queueDrained(QUEUES.surveyMail);

    expect(await emailsTo(email)).toHaveLength(1);
    expect((await decisionEvents(invitation)).filter((event) => event === 'sent')).toHaveLength(1);
    expect(await connection.queueDepth(QUEUES.surveyMail)).toBe(0);
  });

  it('mails a burst no faster than the SES rate (14 a second) in any second: the mapping runs two mailers at once, each pacing itself', async () => {
    const customers = await Promise.all(Array.from({ length: 42 }, () => customerWithContact()));
    await Promise.all(customers.map(({ customerId, email }) => scheduleInvitation(customerId, email, new Date())));

    await runDispatcher();
    const addresses = new Set(customers.map(({ email }) => email));
    const mailed = await eventually(
      async () => {
        const { emails } = (await (await fetch(`${pipeline.mailUrl}/store`)).json()) as { emails: StoredEmail[] };
        const mine = emails.filter((email) => email.destination.to.some((to) => addresses.has(to)));
        return mine.length === customers.length ? mine : undefined;
      },
      60_000,
      'all 42 invitations in the SES store',
    );

    const perSecond = new Map<number, number>();
    for (const { at } of mailed) perSecond.set(at, (perSecond.get(at) ?? 0) + 1);
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(14);
    expect(perSecond.size).toBeGreaterThanOrEqual(3);
  });

  it('mails nobody who opted out after the invitation was scheduled, and records why', async () => {
    const { customerId, email } = await customerWithContact();
    const invitation = await scheduleInvitation(customerId, email, new Date());
    await connection.dynamodb.send(
      new UpdateItemCommand({
        TableName: pipeline.tableName,
        Key: marshall({ pk: `CUSTOMER#${customerId}`, sk: 'HISTORY' }),
        UpdateExpression: 'SET optedOut = :true',
        ExpressionAttributeValues: marshall({ ':true': true }),
      }),
    );

    await runDispatcher();
    const skipped = await eventually(async () => (await decisionsOf(invitation)).find((decision) => decision.event === 'skipped'), 20_000, 'the skip');

    expect(skipped).toMatchObject({ reason: 'opted_out', invitationId: invitation.invitationId });
    expect(await emailsTo(email)).toEqual([]);
    expect(await connection.getItem(`INVITATION#${invitation.invitationId}`, 'INVITATION')).toMatchObject({ state: 'cancelled', closedReason: 'opted_out' });
  });

  it('suppresses a bounced address from an injected SES event: decision bounced, and the next invitation to it is not mailed', async () => {
    const { customerId, email } = await customerWithContact();
    const first = await scheduleInvitation(customerId, email, new Date());
    await runDispatcher();
    await eventually(async () => ((await emailsTo(email)).length > 0 ? true : undefined), 20_000, 'the first email');

    // What the EventBridge rule delivers on AWS; aws-ses-v2-local publishes no events.
    const bounce = sesBounceEvent({ address: email, invitationId: first.invitationId, at: new Date().toISOString() });
    await connection.sqs.send(new SendMessageCommand({ QueueUrl: connection.queueUrl(QUEUES.deliveryEvents), MessageBody: JSON.stringify(bounce) }));

    const bounced = await eventually(async () => (await decisionsOf(first)).find((decision) => decision.event === 'bounced'), 20_000, 'the bounced decision');
    expect(bounced).toMatchObject({ invitationId: first.invitationId, detail: 'Permanent/General' });
    expect(await connection.getItem(`ADDRESS#${addressKey(email)}`, 'SUPPRESSION')).toMatchObject({ reason: 'bounced' });
    expect(await connection.getItem(`CUSTOMER#${customerId}`, 'HISTORY')).toMatchObject({ suppression: 'bounced' });
    // No plain address in the suppression item.
    expect(JSON.stringify(await connection.getItem(`ADDRESS#${addressKey(email)}`, 'SUPPRESSION'))).not.toContain(email);

    // Another customer record with the same address: the policy cannot know, the mailer's address check does.
    const other = await customerWithContact({ email: email.toUpperCase() });
    const second = await scheduleInvitation(other.customerId, other.email, new Date());
    await runDispatcher();
    const skipped = await eventually(async () => (await decisionsOf(second)).find((decision) => decision.event === 'skipped'), 20_000, 'the second skip');
    expect(skipped).toMatchObject({ reason: 'address_suppressed', detail: 'bounced' });
    expect(await emailsTo(email)).toHaveLength(1);
    expect(await emailsTo(email.toUpperCase())).toHaveLength(0);
  });
});

describe('survey mail over days, with the clock injected', () => {
  // The same core the dispatcher and mailer run, on the same DynamoDB Local table and SES emulator,
  // with `now` chosen by the test. The invitations lie weeks ahead of the real clock, so the
  // pipeline's own dispatcher never finds them, and the index reads are narrowed to this test's
  // invitations, so no lease is taken on another test's.
  const inProcess = (only: Set<string>) => {
    const captured: SurveyMailDueMessage[] = [];
    const mine = <T extends { invitations: readonly SurveyInvitation[] }>(page: T): T => ({
      ...page,
      invitations: page.invitations.filter((i) => only.has(i.invitationId)),
    });
    const scopedStore = Object.assign(Object.create(dispatch) as DynamoDbSurveyDispatchStore, {
      findDueInvitations: async (now: Date, limit: number, cursor?: string) => mine(await dispatch.findDueInvitations(now, limit, cursor)),
      findDueReminders: async (now: Date, limit: number, cursor?: string) => mine(await dispatch.findDueReminders(now, limit, cursor)),
    });
    const ses = new SESv2Client({ ...localAws, endpoint: pipeline.mailUrl });
    const settings = surveyPolicySettingsSchema.parse({});
    const mailDeps = {
      store,
      mailer: new SesSurveyMailer(ses, 'surveys@example.com', 'SupportFeedbackPipeline-surveys'),
      settings,
      baseUrl: new URL(pipeline.apiUrl),
      signingKey: ring.current,
      newClaimId: randomUUID,
    };
    return {
      /**
       * One dispatcher run at `now`, then the mailer for each queued message at the same instant;
       * `dieWhileQueueing` makes the run end as a crash or timeout would, at its first SendMessageBatch.
       */
      runAt: async (now: Date, { dieWhileQueueing = false } = {}) => {
        captured.length = 0;
        const queue = {
          sendBatch: async (messages: readonly SurveyMailDueMessage[]) => {
            if (dieWhileQueueing) throw new Error('the dispatcher run died');
            captured.push(...messages);
            return { refused: [] };
          },
        };
        const report = await dispatchDueEmails({ store: scopedStore, queue, settings, runCap: 840 }, now);
        const outcomes = await Promise.all(captured.map((message) => mailSurveyEmail(message, mailDeps, now)));
        return { report, outcomes, messages: [...captured] };
      },
      mailDeps,
      /** The dispatcher's store, narrowed to these invitations. */
      dispatchStore: scopedStore,
    };
  };

  const futureInvitation = async (daysAhead: number) => {
    const { customerId, email } = await customerWithContact();
    const invitation = await scheduleInvitation(customerId, email, new Date(Date.now() + daysAhead * DAY));
    return { invitation, email, at: (days: number) => new Date(Date.parse(invitation.scheduledFor) + days * DAY) };
  };

  it('reminds once, three days after sending, while unanswered', async () => {
    const { invitation, email, at } = await futureInvitation(40);
    const run = inProcess(new Set([invitation.invitationId]));

    expect((await run.runAt(at(0))).outcomes).toMatchObject([{ kind: 'sent', purpose: 'invitation' }]);
    expect((await run.runAt(at(2.9))).report).toMatchObject({ invitations: 0, reminders: 0 });
    const reminded = await run.runAt(at(3.01));
    expect(reminded.outcomes).toMatchObject([{ kind: 'sent', purpose: 'reminder' }]);
    expect((await run.runAt(at(5))).report).toMatchObject({ invitations: 0, reminders: 0 });

    const emails = await emailsTo(email);
    expect(emails.map((sent) => sent.subject)).toEqual(['How did we do?', 'A reminder: how did we do?']);
    expect(await decisionEvents(invitation)).toEqual(['scheduled', 'sent', 'reminded']);
    const item = await connection.getItem(`INVITATION#${invitation.invitationId}`, 'INVITATION');
    expect(item).toMatchObject({ remindedAt: at(3.01).toISOString() });
    expect(item).not.toHaveProperty('gsi1pk');
  });

  it('never reminds after the link expired, and takes the reminder off its index', async () => {
    const { invitation, email, at } = await futureInvitation(80);
    const run = inProcess(new Set([invitation.invitationId]));
    await run.runAt(at(0));

    const late = await run.runAt(at(14.5));
    expect(late.report).toMatchObject({ reminders: 0, droppedReminders: 1 });
    expect(await emailsTo(email)).toHaveLength(1);
    expect(await connection.getItem(`INVITATION#${invitation.invitationId}`, 'INVITATION')).not.toHaveProperty('gsi1pk');
  });

  it('closes a reminder queued just before expiry and mailed just after, recording why', async () => {
    const { invitation, email, at } = await futureInvitation(120);
    const run = inProcess(new Set([invitation.invitationId]));
    await run.runAt(at(0));

    const message: SurveyMailDueMessage = {
      type: 'survey.mail_due',
      version: 1,
      invitationId: invitation.invitationId,
      customerId: invitation.customerId,
      purpose: 'reminder',
      queuedAt: at(13.99).toISOString(),
    };
    expect(await mailSurveyEmail(message, run.mailDeps, at(14.01))).toEqual({ kind: 'closed', purpose: 'reminder', reason: 'link_expired' });
    expect(await emailsTo(email)).toHaveLength(1);
    expect((await decisionsOf(invitation)).at(-1)).toMatchObject({ event: 'skipped', reason: 'link_expired', detail: 'reminder' });
  });

  it('mails an invitation on the next run, a minute after a run that died while queueing it: the lease follows the queueing', async () => {
    const { invitation, email, at } = await futureInvitation(200);
    const run = inProcess(new Set([invitation.invitationId]));

    await expect(run.runAt(at(0), { dieWhileQueueing: true })).rejects.toThrow('the dispatcher run died');
    expect(await connection.getItem(`INVITATION#${invitation.invitationId}`, 'INVITATION')).not.toHaveProperty('dispatchLeaseUntil');

    const aMinuteLater = new Date(at(0).getTime() + 60_000);
    expect((await run.runAt(aMinuteLater)).outcomes).toMatchObject([{ kind: 'sent', purpose: 'invitation' }]);
    expect(await emailsTo(email)).toHaveLength(1);
  });

  it('leases a queued invitation for 15 minutes, so the runs before its message is mailed leave it alone', async () => {
    const { invitation, at } = await futureInvitation(240);
    const queued: SurveyMailDueMessage[] = [];
    const queue = {
      sendBatch: async (messages: readonly SurveyMailDueMessage[]) => {
        queued.push(...messages);
        return { refused: [] };
      },
    };
    const scoped = inProcess(new Set([invitation.invitationId])).dispatchStore;
    const settings = surveyPolicySettingsSchema.parse({});
    const runAt = (now: Date) => dispatchDueEmails({ store: scoped, queue, settings, runCap: 840 }, now);

    expect(await runAt(at(0))).toMatchObject({ invitations: 1, leaseRaces: 0 });
    expect(await connection.getItem(`INVITATION#${invitation.invitationId}`, 'INVITATION')).toMatchObject({
      dispatchLeaseUntil: new Date(at(0).getTime() + 15 * 60_000).toISOString(),
    });
    expect(await runAt(new Date(at(0).getTime() + 14 * 60_000))).toMatchObject({ invitations: 0 });
    // The message was lost (never mailed): once the lease lapses, a run queues it again.
    expect(await runAt(new Date(at(0).getTime() + 16 * 60_000))).toMatchObject({ invitations: 1 });
    expect(queued.map((message) => message.invitationId)).toEqual([invitation.invitationId, invitation.invitationId]);
  });

  it('sends one email when the same message is delivered twice at once', async () => {
    const { invitation, email, at } = await futureInvitation(160);
    const run = inProcess(new Set([invitation.invitationId]));
    const message: SurveyMailDueMessage = {
      type: 'survey.mail_due',
      version: 1,
      invitationId: invitation.invitationId,
      customerId: invitation.customerId,
      purpose: 'invitation',
      queuedAt: at(0).toISOString(),
    };

    const outcomes = await Promise.all([mailSurveyEmail(message, run.mailDeps, at(0)), mailSurveyEmail(message, run.mailDeps, at(0))]);
    const again = await mailSurveyEmail(message, run.mailDeps, at(0.01));

    expect(outcomes.map((outcome) => outcome.kind).sort()).toEqual(['dropped', 'sent']);
    expect(again).toEqual({ kind: 'dropped', reason: 'not_scheduled' });
    expect(await emailsTo(email)).toHaveLength(1);
  });
});
