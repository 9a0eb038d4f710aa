import { adminCommandOn } from '../helpers/admin-command.ts';
import { CognitoIdentityProviderClient, InitiateAuthCommand, RespondToAuthChallengeCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { DynamoDbEscalationStore } from '../../../functions/escalation/adapters/dynamodb-escalation-store.ts';
import { DynamoDbSlaWatchStore } from '../../../functions/escalation/adapters/dynamodb-sla-watch-store.ts';
import { shippedRules, shippedTeamRosters } from '../../helpers/shipped-escalation-settings.ts';
import type { Escalation } from '../../../functions/escalation/core/escalation.ts';
import { type SlaWatchReport, watchEscalationSlas } from '../../../functions/escalation/core/watch-escalation-slas.ts';
import { aReference, anEscalation } from '../../helpers/escalation-fixtures.ts';
import { decodeJwt } from 'jose';
import { mailAndSchedules } from '../helpers/mail-and-schedules.ts';
import { connectTo, eventually, recordingDynamoDbClient } from '../helpers/pipeline-connection.ts';
import { localClientConfig } from '../../../local/emulators/local-aws.ts';

const pipeline = inject('pipeline');
const localAws = { endpoint: pipeline.dynamodbEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
const client = new DynamoDBClient(localAws);
const store = new DynamoDbEscalationStore(client, pipeline.tableName);
const rules = shippedRules;
const minutes = (count: number) => count * 60_000;

/**
 * A Japan-support escalation at level 1 with Haruto, seeded through the store as the complaint
 * consumer opens it, with clocks relative to `at` (now unless given): `due` past its
 * acknowledgement time (warned already), `warn` past its warning point only.
 */
const seed = async (clocks: 'due' | 'warn', overrides: Partial<Escalation> = {}, at = Date.now()) => {
  const ago = (ms: number) => new Date(at - ms).toISOString();
  const escalation = anEscalation({
    team: 'japan-support',
    region: 'jp',
    assignee: 'sup-japan-haruto',
    createdAt: ago(minutes(300)),
    ...(clocks === 'due'
      ? { warnAt: ago(minutes(60)), ackDueAt: ago(minutes(1)), warned: true }
      : { warnAt: ago(minutes(1)), ackDueAt: ago(-minutes(60)), warned: false }),
    ...overrides,
  });
  expect(await store.create(escalation, aReference())).toBe('created');
  return escalation;
};

const { emailTo, fireSchedule } = mailAndSchedules(pipeline);
const { request } = connectTo(pipeline);

const watchScheduleName = async () => {
  const { schedules } = (await (await fetch(`${pipeline.controlUrl}/schedules`)).json()) as { schedules: { name: string }[] };
  const schedule = schedules.find((candidate) => /SlaWatcherWatchSchedule/.test(candidate.name));
  if (schedule === undefined) throw new Error(`no SLA watcher schedule among ${schedules.map((s) => s.name).join(', ')}`);
  return schedule.name;
};

/** Fires the template's SLA watcher schedule now, through the control endpoint, and answers the run's report. */
const fireWatcher = async (): Promise<SlaWatchReport> => {
  const response = await fetch(`${pipeline.controlUrl}/schedules/${encodeURIComponent(await watchScheduleName())}/run`, { method: 'POST' });
  const run = (await response.json()) as { targets: { outcome: string; result: SlaWatchReport; error?: unknown }[] };
  expect(response.status, JSON.stringify(run)).toBe(200);
  return run.targets[0]!.result;
};

/** The pending outbox items of one escalation (gsi1 `NOTIFICATIONS_PENDING`, a Query, never a Scan). */
const outboxOf = async (escalationId: string) => {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, never> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: pipeline.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pending',
        FilterExpression: 'escalationId = :id',
        ExpressionAttributeValues: marshall({ ':pending': 'NOTIFICATIONS_PENDING', ':id': escalationId }),
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
    startKey = page.LastEvaluatedKey as typeof startKey;
  } while (startKey);
  return items;
};

/** The outbox item of one step, pending or handled (by key: the watcher's run sends it at once, taking it off the pending index). */
const notificationItem = async (id: string, kind: string, level: number) => {
  const { Item } = await client.send(
    new GetItemCommand({ TableName: pipeline.tableName, Key: marshall({ pk: `NOTIFICATION#${id}#${kind}#${level}`, sk: 'NOTIFICATION' }) }),
  );
  return Item === undefined ? undefined : unmarshall(Item);
};
// The seeded escalations name a complaint that was never stored, so there is nobody to mail: 'undeliverable'.
const handledAtOnce = { outcome: expect.stringMatching(/^(sent|undeliverable)$/), sentAt: expect.any(String) };

const watcherEntries = async (id: string) => (await store.get(id))!.audit.filter((entry) => entry.actor === 'sla-watcher');

describe('the SLA watcher, fired through the local schedule control endpoint', () => {
  it('moves an escalation past its acknowledgement time to level 2 with the team lead: audit entry, one escalated email', async () => {
    const { id } = await seed('due');
    const report = await fireWatcher();
    expect(report.escalated).toBeGreaterThanOrEqual(1);

    const escalation = (await store.get(id))!;
    expect(escalation).toMatchObject({ level: 2, assignee: 'lead-japan-kenji', status: 'open', warned: false, breached: false, version: 2 });
    expect(Date.parse(escalation.ackDueAt)).toBeGreaterThan(Date.now());
    expect(Date.parse(escalation.warnAt)).toBeLessThan(Date.parse(escalation.ackDueAt));
    expect(await watcherEntries(id)).toEqual([
      expect.objectContaining({
        action: 'escalate',
        detail: expect.objectContaining({ fromLevel: '1', toLevel: '2', from: 'sup-japan-haruto', to: 'lead-japan-kenji' }),
      }),
    ]);
    expect(await notificationItem(id, 'escalated', 2)).toMatchObject({
      kind: 'escalated',
      escalationId: id,
      complaintId: id,
      recipientUserId: 'lead-japan-kenji',
      level: 2,
      ...handledAtOnce,
    });
    // Handled by the watcher's own run: nothing is left for the sweep.
    expect(await outboxOf(id)).toEqual([]);
  });

  it('takes one step when fired twice, and when fired twice at once', async () => {
    const one = await seed('due');
    const other = await seed('due');
    await fireWatcher();
    await fireWatcher();
    await Promise.all([fireWatcher(), fireWatcher()]);
    for (const { id } of [one, other]) {
      expect(await store.get(id)).toMatchObject({ level: 2, version: 2 });
      expect((await watcherEntries(id)).map((entry) => entry.action)).toEqual(['escalate']);
      expect(await notificationItem(id, 'escalated', 2)).toMatchObject({ attempts: 1, ...handledAtOnce });
      expect(await outboxOf(id)).toEqual([]);
    }
  });

  it('warns the assignee once at 75% of the acknowledgement time, and escalates nothing', async () => {
    const { id } = await seed('warn');
    await fireWatcher();
    await fireWatcher();
    expect(await store.get(id)).toMatchObject({ level: 1, assignee: 'sup-japan-haruto', warned: true, version: 2 });
    expect((await watcherEntries(id)).map((entry) => entry.action)).toEqual(['warn']);
    expect(await notificationItem(id, 'ack_warning', 1)).toMatchObject({
      kind: 'ack_warning',
      recipientUserId: 'sup-japan-haruto',
      level: 1,
      attempts: 1,
      ...handledAtOnce,
    });
    expect(await outboxOf(id)).toEqual([]);
  });

  it('never moves an acknowledged escalation', async () => {
    const { id } = await seed('due');
    const haruto = { id: 'sup-japan-haruto', role: 'supervisor', teams: ['japan-support'] } as const;
    // The pipeline's own watcher may have moved it already: acknowledge whatever level it is at.
    await store.applyAction(id, { type: 'ack' }, haruto, new Date()).catch(() => undefined);
    const before = (await store.get(id))!;
    if (before.status !== 'acknowledged') return expect.fail(`the pipeline's watcher moved ${id} before the test acknowledged it`);
    await fireWatcher();
    expect(await store.get(id)).toEqual(before);
    expect(await outboxOf(id)).toEqual([]);
  });

  it('marks a breach once at the top of the chain and lets it off the index; nobody above is mailed', async () => {
    const { id } = await seed('due', { level: 3, assignee: 'head-hugo' });
    await fireWatcher();
    await fireWatcher();
    expect(await store.get(id)).toMatchObject({ level: 3, assignee: 'head-hugo', breached: true, status: 'open', version: 2 });
    expect((await watcherEntries(id)).map((entry) => entry.action)).toEqual(['breach']);
    expect(await outboxOf(id)).toEqual([]);
    const { Item } = await client.send(new GetItemCommand({ TableName: pipeline.tableName, Key: marshall({ pk: `ESCALATION#${id}`, sk: 'ESCALATION' }) }));
    expect(unmarshall(Item!)).not.toHaveProperty('gsi3pk');
  });
});

describe('two watchers at once against DynamoDB Local (in process, real conditional transactions)', () => {
  const countingStore = () => {
    const { client, commands } = recordingDynamoDbClient(pipeline.dynamodbEndpoint);
    return { store: new DynamoDbSlaWatchStore(client, pipeline.tableName), commands };
  };
  // The runs' clock is 11 minutes ahead and the seeds come due 10 minutes ahead: the pipeline's
  // own watcher (on the real clock) cannot take their steps first, so every count is exact.
  const ahead = () => Date.now() + minutes(10);
  const watchStore = new DynamoDbSlaWatchStore(client, pipeline.tableName);
  const run = (runStore: DynamoDbSlaWatchStore) =>
    watchEscalationSlas(
      { store: runStore, rules, rosters: shippedTeamRosters, limits: { pageSize: 25, maxPages: 40 }, timeLeftMs: () => 30_000 },
      new Date(Date.now() + minutes(11)),
    );

  it('takes each step exactly once when four runs race over the same escalations', async () => {
    const at = ahead();
    const seeded = await Promise.all(Array.from({ length: 8 }, (_, index) => seed(index % 2 === 0 ? 'due' : 'warn', {}, at)));
    const reports = await Promise.all([1, 2, 3, 4].map(() => run(watchStore)));
    for (const [index, { id }] of seeded.entries()) {
      const due = index % 2 === 0;
      expect(await store.get(id)).toMatchObject(
        due ? { level: 2, assignee: 'lead-japan-kenji', warned: false, version: 2 } : { level: 1, warned: true, version: 2 },
      );
      expect((await watcherEntries(id)).map((entry) => entry.action)).toEqual([due ? 'escalate' : 'warn']);
      expect(await outboxOf(id)).toHaveLength(1);
    }
    expect(reports.reduce((total, report) => total + report.escalated, 0)).toBeGreaterThanOrEqual(4);
    expect(reports.reduce((total, report) => total + report.warned, 0)).toBeGreaterThanOrEqual(4);
    expect(reports.map((report) => report.contended)).toEqual([0, 0, 0, 0]);
    console.info(
      `four racing runs: ${reports.map((report) => `${report.escalated + report.warned} written, ${report.alreadyHandled} lost and re-read`).join('; ')}`,
    );
  });

  it('costs one TransactWriteItems per step after the page Query, and no re-read without a race', async () => {
    const { id } = await seed('due', {}, ahead());
    const { store: counted, commands } = countingStore();
    const report = await run(counted);
    expect(await store.get(id)).toMatchObject({ level: 2, version: 2 });
    const steps = report.escalated + report.warned + report.breached;
    expect(steps).toBeGreaterThanOrEqual(1);
    const sent = commands();
    expect(sent.filter((name) => name === 'QueryCommand')).toHaveLength(report.pages);
    expect(sent.filter((name) => name === 'TransactWriteItemsCommand')).toHaveLength(steps);
    expect(sent.filter((name) => name === 'GetItemCommand')).toHaveLength(0);
    console.info(`SLA watcher: ${sent.length} DynamoDB requests for ${steps} step(s) over ${report.pages} page(s) of ${report.examined}: ${sent.join(', ')}`);
  });
});

describe('a supervisor signed in as Cognito signs them in', () => {
  it('is known by their user name, not the sub the pool drew: their claim is theirs and the watcher’s run mails the SLA warning to their address', async () => {
    const token = pipeline.supervisorTokens['sup-japan-yui']!;
    const { sub, 'cognito:username': username } = decodeJwt(token);
    expect(username).toBe('sup-japan-yui');
    expect(sub).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

    // Haruto's, from a low survey score (its email needs no complaint item), not yet at its
    // warning point; Yui takes it over before the watcher looks.
    const warnAt = Date.now() + 3_000;
    const escalation = await seed('warn', { source: 'survey', warnAt: new Date(warnAt).toISOString(), ackDueAt: new Date(warnAt + minutes(60)).toISOString() });
    const claimed = await request('POST', `/escalations/${escalation.id}/claim`, { headers: { authorization: `Bearer ${token}` } });
    expect(claimed.status).toBe(200);
    expect(await store.get(escalation.id)).toMatchObject({ status: 'claimed', claimedBy: 'sup-japan-yui', assignee: 'sup-japan-yui' });
    expect((await store.get(escalation.id))!.audit.at(-1)).toMatchObject({ actor: 'sup-japan-yui', action: 'claim' });

    // Waits for the warning point to pass (a clock the escalation names, not a check that nothing happened).
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, warnAt - Date.now()) + 100));
    // The watcher's run sends the warning itself: no sweep is fired.
    await fireWatcher();
    const reference = (await store.get(escalation.id))!.reference;
    const warning = await emailTo('yui.tanaka@example.com', new RegExp(`Escalation ${reference}: acknowledge before`));
    expect(warning.destination.to).toEqual(['yui.tanaka@example.com']);
    // In the team's own zone (the escalation's region, jp), not as a raw ISO instant.
    expect(warning.subject).toMatch(/acknowledge before \w{3}, \d{1,2} \w{3} \d{4}, \d{2}:\d{2} GMT\+9 \(Asia\/Tokyo\)$/);
  });
});

describe('a supervisor an admin adds, on their first day', () => {
  const admin = adminCommandOn(pipeline);
  const cognito = new CognitoIdentityProviderClient(localClientConfig(pipeline.userPool.endpoint));
  const signIn = (parameters: Record<string, string>, challenge?: { session: string }) =>
    challenge === undefined
      ? cognito.send(new InitiateAuthCommand({ ClientId: pipeline.userPool.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: parameters }))
      : cognito.send(
          new RespondToAuthChallengeCommand({
            ClientId: pipeline.userPool.clientId,
            ChallengeName: 'NEW_PASSWORD_REQUIRED',
            Session: challenge.session,
            ChallengeResponses: parameters,
          }),
        );

  it('signs in through the challenge, claims in their team, and gets the SLA warning at their address', { timeout: 150_000 }, async () => {
    // Away from the start, so no other test's escalation is routed to her while this one runs.
    const created = await admin('create-user sup-japan-mei --email mei.ito@example.com --name "Mei Ito" --role supervisor --team japan-support --away');
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    // Each function reads the directory at most once a minute (DIRECTORY_MAX_AGE_MS): by then every copy lists her.
    const everyCopyListsHer = Date.now() + 61_000;
    const invitation = await emailTo('mei.ito@example.com', /temporary password/i);
    const temporary = /temporary password is (\S+)\.$/.exec(invitation.body.text ?? '')?.[1];
    expect(temporary).toBeDefined();

    const first = await signIn({ USERNAME: 'mei.ito@example.com', PASSWORD: temporary! });
    expect(first.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    const answered = await signIn({ USERNAME: 'sup-japan-mei', NEW_PASSWORD: 'Mei-First-Day-1!' }, { session: first.Session! });
    const token = answered.AuthenticationResult!.IdToken!;
    expect(decodeJwt(token)).toMatchObject({ 'cognito:username': 'sup-japan-mei', 'custom:team': 'japan-support', 'cognito:groups': ['supervisor'] });

    const warnAt = Date.now() + 5_000;
    const escalation = await seed('warn', { source: 'survey', warnAt: new Date(warnAt).toISOString(), ackDueAt: new Date(warnAt + minutes(60)).toISOString() });
    // The API reads the directory at most once a minute: until it has read hers, it says she is not in the team.
    const claimed = await eventually(
      async () => {
        const answer = await request('POST', `/escalations/${escalation.id}/claim`, { headers: { authorization: `Bearer ${token}` } });
        return answer.status === 200 ? answer : undefined;
      },
      75_000,
      'the claim once the supervisor API has read the changed directory',
    );
    expect(claimed.status).toBe(200);
    expect(await store.get(escalation.id)).toMatchObject({ claimedBy: 'sup-japan-mei', assignee: 'sup-japan-mei' });

    // Waits for a clock, the later of her warning point and the directory's age, not for nothing to happen.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, warnAt - Date.now(), everyCopyListsHer - Date.now()) + 100));
    await fireWatcher();
    await fireSchedule(/SweepSchedule/);
    const reference = (await store.get(escalation.id))!.reference;
    const warning = await emailTo('mei.ito@example.com', new RegExp(`Escalation ${reference}: acknowledge before`));
    expect(warning.destination.to).toEqual(['mei.ito@example.com']);
    cognito.destroy();
  });
});
