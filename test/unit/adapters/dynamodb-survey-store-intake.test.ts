import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbSurveyStore } from '../../../functions/shared/adapters/dynamodb-survey-store.ts';
import type { RelationshipInvitation } from '../../../functions/shared/core/surveys/campaign-store.ts';
import type { SurveyDecisionRecord } from '../../../functions/shared/core/surveys/survey-decision-record.ts';

const dynamodb = mockClient(DynamoDBClient);
const store = new DynamoDbSurveyStore(new DynamoDBClient({ region: 'us-east-1' }), 'table');

const contact = { customerId: 'cust-1', email: 'a@example.com', tier: 'standard' as const, lastSeenAt: '2026-11-25T10:00:00.000Z' };
const context = { caseId: 'CASE-1', customerId: 'cust-1', tier: 'standard' as const, resolvedAt: '2026-11-25T10:00:00.000Z' };
const invitation: RelationshipInvitation = {
  invitationId: 'inv-r1',
  kind: 'relationship',
  campaignId: 'nps-2026-11-25',
  customerId: 'cust-1',
  state: 'scheduled',
  scheduledFor: '2026-11-25T12:00:00.000Z',
  expiresAt: '2026-12-09T12:00:00.000Z',
};
const record: SurveyDecisionRecord = {
  event: 'scheduled',
  kind: 'relationship',
  customerId: 'cust-1',
  invitationId: 'inv-r1',
  decidedAt: '2026-11-25T12:00:00.000Z',
};
const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });

describe('DynamoDbSurveyStore, case intake and campaigns', () => {
  beforeEach(() => dynamodb.reset());

  it('refreshes the contact on the SEEN month partition and the case context, each unless a later resolution did', async () => {
    dynamodb.on(PutItemCommand).resolves({});
    await store.saveCaseResolution(contact, context);
    const puts = dynamodb.commandCalls(PutItemCommand).map((call) => call.args[0].input);
    expect(puts.map((put) => unmarshall(put.Item!))).toEqual([
      expect.objectContaining({ pk: 'CUSTOMER#cust-1', sk: 'CONTACT', gsi1pk: 'SEEN#2026-11', gsi1sk: 'cust-1' }),
      expect.objectContaining({ pk: 'CASE#CASE-1', sk: 'CONTEXT' }),
    ]);
    expect(puts.map((put) => put.ConditionExpression)).toEqual([
      'attribute_not_exists(#time) OR #time <= :time',
      'attribute_not_exists(#time) OR #time <= :time',
    ]);
  });

  it('takes a refused refresh (a later resolution won) as done, and throws any other failure', async () => {
    dynamodb.on(PutItemCommand).rejects(new ConditionalCheckFailedException({ message: 'newer', $metadata: {} }));
    await expect(store.saveCaseResolution(contact, context)).resolves.toBeUndefined();
    dynamodb.on(PutItemCommand).rejects(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }));
    await expect(store.saveCaseResolution(contact, context)).rejects.toThrow('throttled');
  });

  it('schedules a relationship invitation with one transaction of three items, the throttle in its condition', async () => {
    dynamodb.on(TransactWriteItemsCommand).resolves({});
    expect(await store.scheduleRelationshipInvitation(invitation, record, '2026-08-27T12:00:00.000Z')).toEqual({ kind: 'scheduled', invitation });
    const [call] = dynamodb.commandCalls(TransactWriteItemsCommand);
    const items = call!.args[0].input.TransactItems!;
    expect(items).toHaveLength(3);
    expect(items[1]!.Update!.ConditionExpression).toContain('lastRelationshipScheduledFor < :from');
    expect(dynamodb.calls()).toHaveLength(1);
  });

  it('answers a redelivery with the invitation stored before', async () => {
    dynamodb.on(TransactWriteItemsCommand).rejects(cancelled('ConditionalCheckFailed', 'ConditionalCheckFailed', 'None'));
    dynamodb.on(GetItemCommand).resolves({ Item: marshall({ pk: 'INVITATION#inv-r1', sk: 'INVITATION', ...invitation }) });
    expect(await store.scheduleRelationshipInvitation(invitation, record, '2026-08-27T12:00:00.000Z')).toMatchObject({ kind: 'scheduled' });
  });

  it.each([
    [{ optedOut: true }, 'opted_out'],
    [{ suppression: 'bounced' }, 'address_suppressed'],
    [{ lastRelationshipScheduledFor: '2026-10-01T00:00:00.000Z' }, 'recently_surveyed'],
  ])('names why the history refused: %j is %s', async (history, reason) => {
    dynamodb.on(TransactWriteItemsCommand).rejects(cancelled('None', 'ConditionalCheckFailed', 'None'));
    dynamodb.on(GetItemCommand).resolves({ Item: marshall({ pk: 'CUSTOMER#cust-1', sk: 'HISTORY', ...history }) });
    expect(await store.scheduleRelationshipInvitation(invitation, record, '2026-08-27T12:00:00.000Z')).toEqual({ kind: 'refused', reason });
  });

  it('tries again after a transaction conflict, and gives up after three', async () => {
    dynamodb
      .on(TransactWriteItemsCommand)
      .rejectsOnce(cancelled('TransactionConflict', 'None', 'None'))
      .resolves({});
    expect(await store.scheduleRelationshipInvitation(invitation, record, '2026-08-27T12:00:00.000Z')).toMatchObject({ kind: 'scheduled' });
    dynamodb.reset();
    dynamodb.on(TransactWriteItemsCommand).rejects(cancelled('TransactionConflict', 'None', 'None'));
    await expect(store.scheduleRelationshipInvitation(invitation, record, '2026-08-27T12:00:00.000Z')).rejects.toThrow(TransactionCanceledException);
    expect(dynamodb.commandCalls(TransactWriteItemsCommand)).toHaveLength(3);
  });
});
