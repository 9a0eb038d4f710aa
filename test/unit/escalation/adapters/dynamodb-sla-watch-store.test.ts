import { DynamoDBClient, TransactionCanceledException, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbSlaWatchStore } from '../../../../functions/escalation/adapters/dynamodb-sla-watch-store.ts';
import { anEscalation } from '../../../helpers/escalation-fixtures.ts';

const dynamodb = mockClient(DynamoDBClient);
const store = new DynamoDbSlaWatchStore(new DynamoDBClient({ region: 'us-east-1' }), 'table');
const escalation = anEscalation({ id: 'esc-1', createdAt: '2026-03-02T09:00:00.000Z' });
const now = new Date('2026-03-02T10:00:00.000Z');

beforeEach(() => dynamodb.reset());

describe('DynamoDbSlaWatchStore.applyWatcherChange', () => {
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
