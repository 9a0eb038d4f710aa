import { BatchGetItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbNotificationOutbox } from '../../../../functions/escalation/adapters/dynamodb-notification-outbox.ts';
import { anEscalation } from '../../../helpers/escalation-fixtures.ts';

const dynamodb = mockClient(DynamoDBClient);
const outbox = new DynamoDbNotificationOutbox(new DynamoDBClient({ region: 'us-east-1' }), 'table');
const { audit: _audit, ...escalation } = anEscalation({ id: 'cmp-1', createdAt: '2026-03-02T09:00:00.000Z' });
const escalationItem = { pk: 'ESCALATION#cmp-1', sk: 'ESCALATION', ...escalation, reference: 'CMP-ABCD1234', version: 1 };
const complaintItem = { pk: 'COMPLAINT#cmp-1', sk: 'COMPLAINT', complaintId: 'cmp-1', reference: 'CMP-ABCD1234', email: 'aiko@example.jp', language: 'ja' };
const resolved = {
  notificationId: 'cmp-1#complaint_resolved#1',
  kind: 'complaint_resolved',
  escalationId: 'cmp-1',
  complaintId: 'cmp-1',
  level: 1,
  createdAt: '2026-03-02T10:00:00.000Z',
} as const;
const answering = (...items: Record<string, unknown>[]) =>
  dynamodb.on(BatchGetItemCommand).resolves({ Responses: { table: items.map((item) => marshall(item, { removeUndefinedValues: true })) } });

beforeEach(() => dynamodb.reset());

describe('DynamoDbNotificationOutbox.contextOf', () => {
  it('reads the complainant’s address and language from their complaint', async () => {
    answering(complaintItem, escalationItem);
    expect((await outbox.contextOf(resolved))?.complaint).toEqual({ complaintId: 'cmp-1', reference: 'CMP-ABCD1234', email: 'aiko@example.jp', locale: 'ja' });
  });

  it('gives no complainant for a complaint whose address was erased (erase-customer): nobody is written to', async () => {
    const { email: _email, ...erased } = complaintItem;
    answering({ ...erased, erasedAt: '2026-03-03T00:00:00.000Z' }, escalationItem);
    const context = await outbox.contextOf(resolved);
    expect(context?.escalation).toMatchObject({ id: 'cmp-1' });
    expect(context?.complaint).toBeUndefined();
  });

  it('gives nothing when the complaint is gone (retention)', async () => {
    answering(escalationItem);
    expect(await outbox.contextOf(resolved)).toBeUndefined();
  });
});
