import { DynamoDBClient, GetItemCommand, QueryCommand, TransactionCanceledException, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbEscalationStore } from '../../../../functions/escalation/adapters/dynamodb-escalation-store.ts';
import { createEscalationItems } from '../../../../functions/escalation/adapters/escalation-items.ts';
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
