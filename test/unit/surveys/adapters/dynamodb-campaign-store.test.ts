import { DynamoDBClient, GetItemCommand, TransactionCanceledException, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbCampaignStore } from '../../../../functions/surveys/adapters/dynamodb-campaign-store.ts';
import type { RelationshipInvitation } from '../../../../functions/surveys/core/campaign-store.ts';
import type { SurveyDecisionRecord } from '../../../../functions/surveys/contracts/survey-decision-record.ts';
import { transactionCancelled } from './survey-item-fixtures.ts';

const dynamodb = mockClient(DynamoDBClient);
const store = new DynamoDbCampaignStore(new DynamoDBClient({ region: 'us-east-1' }), 'table');

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

describe('DynamoDbCampaignStore', () => {
  beforeEach(() => dynamodb.reset());

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
    dynamodb.on(TransactWriteItemsCommand).rejects(transactionCancelled('ConditionalCheckFailed', 'ConditionalCheckFailed', 'None'));
    dynamodb.on(GetItemCommand).resolves({ Item: marshall({ pk: 'INVITATION#inv-r1', sk: 'INVITATION', ...invitation }) });
    expect(await store.scheduleRelationshipInvitation(invitation, record, '2026-08-27T12:00:00.000Z')).toMatchObject({ kind: 'scheduled' });
  });

  it.each([
    [{ optedOut: true }, 'opted_out'],
    [{ suppression: 'bounced' }, 'address_suppressed'],
    [{ lastRelationshipScheduledFor: '2026-10-01T00:00:00.000Z' }, 'recently_surveyed'],
  ])('names why the history refused: %j is %s', async (history, reason) => {
    dynamodb.on(TransactWriteItemsCommand).rejects(transactionCancelled('None', 'ConditionalCheckFailed', 'None'));
    dynamodb.on(GetItemCommand).resolves({ Item: marshall({ pk: 'CUSTOMER#cust-1', sk: 'HISTORY', ...history }) });
    expect(await store.scheduleRelationshipInvitation(invitation, record, '2026-08-27T12:00:00.000Z')).toEqual({ kind: 'refused', reason });
  });

  it('tries again after a transaction conflict, and gives up after three', async () => {
    dynamodb
      .on(TransactWriteItemsCommand)
      .rejectsOnce(transactionCancelled('TransactionConflict', 'None', 'None'))
      .resolves({});
    expect(await store.scheduleRelationshipInvitation(invitation, record, '2026-08-27T12:00:00.000Z')).toMatchObject({ kind: 'scheduled' });
    dynamodb.reset();
    dynamodb.on(TransactWriteItemsCommand).rejects(transactionCancelled('TransactionConflict', 'None', 'None'));
    await expect(store.scheduleRelationshipInvitation(invitation, record, '2026-08-27T12:00:00.000Z')).rejects.toThrow(TransactionCanceledException);
    expect(dynamodb.commandCalls(TransactWriteItemsCommand)).toHaveLength(3);
  });
});
