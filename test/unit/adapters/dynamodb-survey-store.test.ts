import { DynamoDBClient, GetItemCommand, QueryCommand, TransactionCanceledException, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbSurveyStore } from '../../../functions/shared/adapters/dynamodb-survey-store.ts';
import type { SurveyInvitation } from '../../../functions/shared/core/surveys/customer-survey-history.ts';
import type { InvitationDecision } from '../../../functions/shared/core/surveys/decide-invitation.ts';

const dynamodb = mockClient(DynamoDBClient);
const store = new DynamoDbSurveyStore(new DynamoDBClient({ region: 'us-east-1' }), 'table');

const invitation: SurveyInvitation = {
  invitationId: 'inv-1',
  kind: 'post_resolution',
  customerId: 'cust-1',
  caseId: 'CASE-1',
  state: 'scheduled',
  scheduledFor: '2026-03-02T10:00:00.000Z',
  expiresAt: '2026-03-16T10:00:00.000Z',
};
const decision: Extract<InvitationDecision, { kind: 'scheduled' }> = {
  kind: 'scheduled',
  invitationId: invitation.invitationId,
  scheduledFor: invitation.scheduledFor,
  expiresAt: invitation.expiresAt,
  invitation,
  record: { event: 'scheduled', kind: 'post_resolution', customerId: 'cust-1', caseId: 'CASE-1', invitationId: 'inv-1', decidedAt: '2026-03-01T11:00:00.000Z' },
};

// The order of the schedule transaction: invitation, case pointer, customer history, decision.
const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });
const pointer = (stored: SurveyInvitation | undefined) => ({
  Item: stored ? marshall({ pk: 'CASE#CASE-1', sk: 'INVITATION', ...stored }, { removeUndefinedValues: true }) : undefined,
});

describe('DynamoDbSurveyStore', () => {
  beforeEach(() => dynamodb.reset());

  it('schedules an invitation with one TransactWriteItems request of four items', async () => {
    dynamodb.on(TransactWriteItemsCommand).resolves({});
    expect(await store.scheduleInvitation(decision)).toEqual({ kind: 'scheduled', invitation });
    expect(dynamodb.calls()).toHaveLength(1);
    expect(dynamodb.commandCalls(TransactWriteItemsCommand)[0]!.args[0].input.TransactItems).toHaveLength(4);
  });

  it('maps a failed case pointer condition to case_already_invited, naming the live invitation', async () => {
    dynamodb.on(TransactWriteItemsCommand).rejects(cancelled('None', 'ConditionalCheckFailed', 'None', 'None'));
    dynamodb.on(GetItemCommand).resolves(pointer({ ...invitation, invitationId: 'inv-0' }));
    expect(await store.scheduleInvitation(decision)).toEqual({ kind: 'refused', reason: 'case_already_invited', existingInvitationId: 'inv-0' });
  });

  it('answers a retried decision with the invitation already stored', async () => {
    dynamodb.on(TransactWriteItemsCommand).rejects(cancelled('ConditionalCheckFailed', 'ConditionalCheckFailed', 'None', 'None'));
    dynamodb.on(GetItemCommand).resolves(pointer(invitation));
    expect(await store.scheduleInvitation({ ...decision, record: { ...decision.record, decidedAt: '2026-03-01T12:00:00.000Z' } })).toEqual({
      kind: 'scheduled',
      invitation,
    });
  });

  it('maps a failed customer history condition to opted_out (an opt-out after the history was read)', async () => {
    dynamodb.on(TransactWriteItemsCommand).rejects(cancelled('None', 'None', 'ConditionalCheckFailed', 'None'));
    dynamodb.on(GetItemCommand).resolves(pointer(undefined));
    expect(await store.scheduleInvitation(decision)).toEqual({ kind: 'refused', reason: 'opted_out' });
  });

  it('tries again after a TransactionConflict and succeeds', async () => {
    dynamodb
      .on(TransactWriteItemsCommand)
      .rejectsOnce(cancelled('TransactionConflict', 'None', 'None', 'None'))
      .resolves({});
    dynamodb.on(GetItemCommand).resolves(pointer(undefined));
    expect(await store.scheduleInvitation(decision)).toEqual({ kind: 'scheduled', invitation });
    expect(dynamodb.commandCalls(TransactWriteItemsCommand)).toHaveLength(2);
  });

  it('throws after three conflicts rather than loop', async () => {
    const conflict = cancelled('TransactionConflict', 'None', 'None', 'None');
    dynamodb.on(TransactWriteItemsCommand).rejects(conflict);
    dynamodb.on(GetItemCommand).resolves(pointer(undefined));
    await expect(store.scheduleInvitation(decision)).rejects.toBe(conflict);
    expect(dynamodb.commandCalls(TransactWriteItemsCommand)).toHaveLength(3);
  });

  it('answers not_scheduled when markSent finds the invitation no longer scheduled', async () => {
    dynamodb.on(GetItemCommand).resolves({ Item: marshall({ pk: 'INVITATION#inv-1', sk: 'INVITATION', ...invitation }) });
    dynamodb.on(TransactWriteItemsCommand).rejects(cancelled('ConditionalCheckFailed', 'None', 'None'));
    expect(await store.markSent('inv-1', new Date('2026-03-02T10:00:05Z'))).toBe('not_scheduled');
  });

  it.each([
    ['an unknown state', { state: 'queued' }],
    ['a time that is not an instant', { scheduledFor: 'tomorrow' }],
  ])('refuses to read a stored invitation with %s', async (_name, change) => {
    dynamodb.on(GetItemCommand).resolves({});
    dynamodb.on(QueryCommand).resolves({ Items: [marshall({ pk: 'CASE#CASE-1', sk: 'INVITATION', ...invitation, ...change })] });
    await expect(store.loadCustomerHistory('cust-1')).rejects.toThrow();
  });
});
