import { DynamoDBClient, GetItemCommand, QueryCommand, TransactionCanceledException, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createEscalationItems, DynamoDbEscalationStore } from '../../../../functions/escalation/adapters/dynamodb-escalation-store.ts';
import type { Escalation } from '../../../../functions/escalation/core/escalation.ts';
import { anEscalation } from '../../../helpers/escalation-fixtures.ts';

const dynamodb = mockClient(DynamoDBClient);
const store = new DynamoDbEscalationStore(new DynamoDBClient({ region: 'us-east-1' }), 'table');
const escalation = anEscalation({ id: 'esc-1', createdAt: '2026-03-02T09:00:00.000Z' });
const storedItem = (state: Partial<Escalation> = {}, version = 1) => {
  const [put] = createEscalationItems('table', { ...escalation, ...state }, 'CMP-ABCD1234');
  return { ...unmarshall(put!.Put!.Item!), version } as Record<string, unknown>;
};
const alice = { id: 'sup-general-ana', role: 'supervisor', teams: ['general-support'] } as const;
const now = new Date('2026-03-02T10:00:00.000Z');
const conditionFailed = () =>
  new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }] });

beforeEach(() => dynamodb.reset());

describe('createEscalationItems', () => {
  it('puts the escalation and each opening audit entry once each (attribute_not_exists), for the complaint transaction', () => {
    const items = createEscalationItems('table', escalation, 'CMP-ABCD1234');
    expect(items).toHaveLength(2);
    for (const item of items) expect(item.Put).toMatchObject({ TableName: 'table', ConditionExpression: 'attribute_not_exists(pk)' });
    expect(unmarshall(items[0]!.Put!.Item!)).toMatchObject({
      pk: 'ESCALATION#esc-1',
      sk: 'ESCALATION',
      reference: 'CMP-ABCD1234',
      version: 1,
      gsi1pk: 'ESCALATIONS#general-support#open',
      gsi1sk: '2026-03-02T09:00:00.000Z#esc-1',
      gsi2pk: 'ESCALATIONS#general-support#open',
      gsi2sk: `${escalation.ackDueAt}#esc-1`,
      gsi3pk: 'ESCALATIONS_UNACKNOWLEDGED',
      // Not warned yet: the watcher's next work on it is the warning.
      gsi3sk: `${escalation.warnAt}#esc-1`,
    });
    expect(unmarshall(items[0]!.Put!.Item!)).not.toHaveProperty('audit');
    expect(unmarshall(items[1]!.Put!.Item!)).toEqual({ pk: 'ESCALATION#esc-1', sk: 'AUDIT#2026-03-02T09:00:00.000Z#000001', ...escalation.audit[0] });
  });

  it.each([
    ['open', true, 'ackDueAt'],
    ['claimed', true, 'ackDueAt'],
    ['acknowledged', false, 'resolveDueAt'],
    ['resolved', false, 'resolveDueAt'],
  ] as const)('keeps a %s escalation in the unacknowledged index: %s; sorts it as overdue by %s', (status, unacknowledged, dueClock) => {
    const item = storedItem({ status });
    expect('gsi3pk' in item).toBe(unacknowledged);
    expect(item.gsi2sk).toBe(`${escalation[dueClock]}#esc-1`);
    expect(item.gsi1pk).toBe(`ESCALATIONS#general-support#${status}`);
  });
});

describe('the SLA watcher index (gsi3)', () => {
  it.each([
    ['not warned: at its warning point', { warned: false }, 'warnAt'],
    ['warned: at its acknowledgement due time', { warned: true }, 'ackDueAt'],
    ['claimed and warned: at its acknowledgement due time', { status: 'claimed', claimedBy: 'sup-general-ana', warned: true }, 'ackDueAt'],
  ] as const)('sorts an escalation %s', (_name, state, clock) => {
    expect(storedItem(state as Partial<Escalation>).gsi3sk).toBe(`${escalation[clock]}#esc-1`);
  });

  it('lets go of an escalation breached at the top of the chain, which stays listed', () => {
    const item = storedItem({ level: 3, breached: true, warned: true });
    expect(item).not.toHaveProperty('gsi3pk');
    expect(item).not.toHaveProperty('gsi3sk');
    expect(item.gsi1pk).toBe('ESCALATIONS#general-support#open');
  });
});

describe('DynamoDbEscalationStore.applyWatcherChange', () => {
  const read = { ...(({ audit: _audit, ...state }) => state)(escalation), reference: 'CMP-ABCD1234', version: 3 };
  const entry = { at: now.toISOString(), actor: 'sla-watcher', action: 'escalate', detail: { toLevel: '2' } };
  const notification = {
    notificationId: 'esc-1#escalated#2',
    kind: 'escalated',
    escalationId: 'esc-1',
    complaintId: 'esc-1',
    recipientUserId: 'lead-general-chloe',
    level: 2,
    createdAt: now.toISOString(),
  } as const;
  const change = { escalation: { ...read, level: 2, assignee: 'lead-general-chloe' }, entry, notification };
  const cancelled = (...codes: string[]) =>
    new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });

  it('writes the step, its audit entry and its outbox item in one transaction, on the version read', async () => {
    dynamodb.on(TransactWriteItemsCommand).resolves({});
    expect(await store.applyWatcherChange(read, change)).toBe('applied');
    const [state, audit, outbox] = dynamodb.commandCalls(TransactWriteItemsCommand)[0]!.args[0].input.TransactItems!;
    expect(state!.Put).toMatchObject({ ConditionExpression: 'version = :read', ExpressionAttributeValues: { ':read': { N: '3' } } });
    expect(unmarshall(state!.Put!.Item!)).toMatchObject({ level: 2, assignee: 'lead-general-chloe', version: 4, reference: 'CMP-ABCD1234' });
    expect(unmarshall(audit!.Put!.Item!)).toEqual({ pk: 'ESCALATION#esc-1', sk: 'AUDIT#2026-03-02T10:00:00.000Z#000004', ...entry });
    expect(outbox!.Put).toMatchObject({ ConditionExpression: 'attribute_not_exists(pk)' });
    expect(unmarshall(outbox!.Put!.Item!)).toEqual({
      pk: 'NOTIFICATION#esc-1#escalated#2',
      sk: 'NOTIFICATION',
      gsi1pk: 'NOTIFICATIONS_PENDING',
      gsi1sk: '2026-03-02T10:00:00.000Z#esc-1#escalated#2',
      ...notification,
    });
  });

  it.each([
    ['the version moved', ['ConditionalCheckFailed', 'None', 'None']],
    ['a concurrent transaction held the escalation', ['TransactionConflict', 'None', 'None']],
    ['a concurrent transaction held the outbox item', ['None', 'None', 'TransactionConflict']],
  ])("answers 'conflict' when %s", async (_name, codes) => {
    dynamodb.on(TransactWriteItemsCommand).rejects(cancelled(...codes));
    expect(await store.applyWatcherChange(read, change)).toBe('conflict');
    expect(dynamodb.commandCalls(TransactWriteItemsCommand)).toHaveLength(1);
  });

  it('writes the step again without the email when that email was queued before (never two)', async () => {
    dynamodb
      .on(TransactWriteItemsCommand)
      .rejectsOnce(cancelled('None', 'None', 'ConditionalCheckFailed'))
      .resolves({});
    expect(await store.applyWatcherChange(read, change)).toBe('applied');
    const calls = dynamodb.commandCalls(TransactWriteItemsCommand);
    expect(calls.map((call) => call.args[0].input.TransactItems!.length)).toEqual([3, 2]);
  });

  it('throws what is not a lost race', async () => {
    dynamodb.on(TransactWriteItemsCommand).rejects(cancelled('ValidationError', 'None', 'None'));
    await expect(store.applyWatcherChange(read, change)).rejects.toBeInstanceOf(TransactionCanceledException);
  });
});

describe('DynamoDbEscalationStore', () => {
  it('reads an escalation and its history in one consistent Query, oldest entry first', async () => {
    const audit = { pk: 'ESCALATION#esc-1', sk: 'AUDIT#2026-03-02T09:00:00.000Z#000001', ...escalation.audit[0] };
    dynamodb.on(QueryCommand).resolves({ Items: [marshall(audit), marshall(storedItem())] });
    const read = await store.get('esc-1');
    expect(read).toMatchObject({ id: 'esc-1', reference: 'CMP-ABCD1234', version: 1, audit: escalation.audit });
    expect(read).not.toHaveProperty('gsi1pk');
    expect(dynamodb.commandCalls(QueryCommand)[0]!.args[0].input).toMatchObject({ ConsistentRead: true, KeyConditionExpression: 'pk = :pk' });
  });

  it('writes a change as a Put conditional on the version it read, with its audit entry put once, in one transaction', async () => {
    dynamodb.on(GetItemCommand).resolves({ Item: marshall(storedItem({}, 4)) });
    dynamodb.on(TransactWriteItemsCommand).resolves({});
    const { escalation: claimed, entry } = await store.applyAction('esc-1', { type: 'claim' }, alice, now);
    expect(claimed).toMatchObject({ status: 'claimed', claimedBy: 'sup-general-ana', version: 5 });
    const [change, auditEntry] = dynamodb.commandCalls(TransactWriteItemsCommand)[0]!.args[0].input.TransactItems!;
    expect(change!.Put).toMatchObject({ ConditionExpression: 'version = :read', ExpressionAttributeValues: { ':read': { N: '4' } } });
    expect(unmarshall(change!.Put!.Item!)).toMatchObject({ version: 5, gsi1pk: 'ESCALATIONS#general-support#claimed' });
    expect(auditEntry!.Put).toMatchObject({ ConditionExpression: 'attribute_not_exists(pk)' });
    expect(unmarshall(auditEntry!.Put!.Item!)).toEqual({ pk: 'ESCALATION#esc-1', sk: 'AUDIT#2026-03-02T10:00:00.000Z#000005', ...entry });
  });

  it("moves a team move's index keys (gsi1pk, gsi2pk) to the new team in the same conditional Put as the change and its audit entry", async () => {
    dynamodb.on(GetItemCommand).resolves({ Item: marshall(storedItem({ status: 'claimed', claimedBy: 'sup-general-ana' }, 4)) });
    dynamodb.on(TransactWriteItemsCommand).resolves({});
    const lead = { id: 'lead-general-chloe', role: 'lead', teams: ['general-support'] } as const;
    const teamMembers = new Map([
      ['general-support', new Set(['sup-general-ana', 'lead-general-chloe'])],
      ['cloud-platform', new Set(['sup-cloud-dev'])],
    ]);
    await store.applyAction('esc-1', { type: 'reassign', to: 'sup-cloud-dev', team: 'cloud-platform', teamMembers }, lead, now);
    const writes = dynamodb.commandCalls(TransactWriteItemsCommand);
    expect(writes).toHaveLength(1);
    const [change, auditEntry] = writes[0]!.args[0].input.TransactItems!;
    expect(change!.Put).toMatchObject({ ConditionExpression: 'version = :read', ExpressionAttributeValues: { ':read': { N: '4' } } });
    expect(unmarshall(change!.Put!.Item!)).toMatchObject({
      team: 'cloud-platform',
      assignee: 'sup-cloud-dev',
      gsi1pk: 'ESCALATIONS#cloud-platform#open',
      gsi2pk: 'ESCALATIONS#cloud-platform#open',
    });
    expect(unmarshall(auditEntry!.Put!.Item!)).toMatchObject({ action: 'reassign', detail: { fromTeam: 'general-support', toTeam: 'cloud-platform' } });
  });

  it('reads again after losing a race and lets the core refuse the claim, naming the winner', async () => {
    dynamodb
      .on(GetItemCommand)
      .resolvesOnce({ Item: marshall(storedItem()) })
      .resolves({ Item: marshall(storedItem({ status: 'claimed', claimedBy: 'sup-general-ben', assignee: 'sup-general-ben' }, 2)) });
    dynamodb.on(TransactWriteItemsCommand).rejects(conditionFailed());
    await expect(store.applyAction('esc-1', { type: 'claim' }, alice, now)).rejects.toMatchObject({ code: 'already_claimed', holder: 'sup-general-ben' });
    expect(dynamodb.commandCalls(TransactWriteItemsCommand)).toHaveLength(1);
  });

  it('gives up after three lost races rather than loop', async () => {
    dynamodb.on(GetItemCommand).resolves({ Item: marshall(storedItem()) });
    dynamodb.on(TransactWriteItemsCommand).rejects(conditionFailed());
    await expect(store.applyAction('esc-1', { type: 'note', text: 'x' }, alice, now)).rejects.toBeInstanceOf(TransactionCanceledException);
    expect(dynamodb.commandCalls(TransactWriteItemsCommand)).toHaveLength(3);
  });

  it('answers escalation_not_found for an unknown id', async () => {
    dynamodb.on(GetItemCommand).resolves({});
    await expect(store.applyAction('nope', { type: 'claim' }, alice, now)).rejects.toMatchObject({ code: 'escalation_not_found' });
  });

  it("answers 'exists' when the escalation is already stored (a redelivered complaint)", async () => {
    dynamodb.on(TransactWriteItemsCommand).rejects(conditionFailed());
    expect(await store.create(escalation, 'CMP-ABCD1234')).toBe('exists');
  });

  it('pages a merged listing: takes the newest across partitions and remembers where each stopped', async () => {
    const item = (id: string, createdAt: string, status: 'open' | 'claimed') => storedItem({ id, createdAt, status });
    dynamodb
      .on(QueryCommand, { ExpressionAttributeValues: { ':partition': { S: 'ESCALATIONS#general-support#open' } } })
      .resolves({ Items: [item('a', '2026-03-02T12:00:00.000Z', 'open'), item('b', '2026-03-02T10:00:00.000Z', 'open')].map((i) => marshall(i)) })
      .on(QueryCommand, { ExpressionAttributeValues: { ':partition': { S: 'ESCALATIONS#general-support#claimed' } } })
      .resolves({ Items: [marshall(item('c', '2026-03-02T11:00:00.000Z', 'claimed'))] });
    const page = await store.list({ teams: ['general-support'], statuses: ['open', 'claimed'], sort: 'newest', limit: 2 });
    expect(page.escalations.map((e) => e.id)).toEqual(['a', 'c']);
    expect(page.next).toEqual({
      'general-support#open': { pk: 'ESCALATION#a', sk: 'ESCALATION', gsi1pk: 'ESCALATIONS#general-support#open', gsi1sk: '2026-03-02T12:00:00.000Z#a' },
      'general-support#claimed': 'done',
    });
  });
});
