import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbCaseIntakeStore } from '../../../../functions/surveys/adapters/dynamodb-case-intake-store.ts';
import type { SurveyInvitation } from '../../../../functions/surveys/core/customer-survey-history.ts';
import type { InvitationDecision } from '../../../../functions/surveys/core/decide-invitation.ts';
import { OBJECT_PROTOTYPE_NAMES } from '../../../helpers/object-prototype-names.ts';
import { scheduledInvitation as invitation, transactionCancelled } from './survey-item-fixtures.ts';

const dynamodb = mockClient(DynamoDBClient);
const store = new DynamoDbCaseIntakeStore(new DynamoDBClient({ region: 'us-east-1' }), 'table');

const decision: Extract<InvitationDecision, { kind: 'scheduled' }> = {
  kind: 'scheduled',
  invitationId: invitation.invitationId,
  scheduledFor: invitation.scheduledFor,
  expiresAt: invitation.expiresAt,
  invitation,
  record: { event: 'scheduled', kind: 'post_resolution', customerId: 'cust-1', caseId: 'CASE-1', invitationId: 'inv-1', decidedAt: '2026-03-01T11:00:00.000Z' },
};

const contact = { customerId: 'cust-1', email: 'a@example.com', tier: 'standard' as const, lastSeenAt: '2026-11-25T10:00:00.000Z' };
const context = { caseId: 'CASE-1', customerId: 'cust-1', tier: 'standard' as const, resolvedAt: '2026-11-25T10:00:00.000Z' };

// The order of the schedule transaction: invitation, case pointer, customer history, decision.
const pointer = (stored: SurveyInvitation | undefined) => ({
  Item: stored ? marshall({ pk: 'CASE#CASE-1', sk: 'INVITATION', ...stored }, { removeUndefinedValues: true }) : undefined,
});

describe('DynamoDbCaseIntakeStore', () => {
  beforeEach(() => dynamodb.reset());

  it('schedules an invitation with one TransactWriteItems request of four items', async () => {
    dynamodb.on(TransactWriteItemsCommand).resolves({});
    expect(await store.scheduleInvitation(decision)).toEqual({ kind: 'scheduled', invitation });
    expect(dynamodb.calls()).toHaveLength(1);
    expect(dynamodb.commandCalls(TransactWriteItemsCommand)[0]!.args[0].input.TransactItems).toHaveLength(4);
  });

  it('maps a failed case pointer condition to case_already_invited, naming the live invitation', async () => {
    dynamodb.on(TransactWriteItemsCommand).rejects(transactionCancelled('None', 'ConditionalCheckFailed', 'None', 'None'));
    dynamodb.on(GetItemCommand).resolves(pointer({ ...invitation, invitationId: 'inv-0' }));
    expect(await store.scheduleInvitation(decision)).toEqual({ kind: 'refused', reason: 'case_already_invited', existingInvitationId: 'inv-0' });
  });

  it('answers a retried decision with the invitation already stored', async () => {
    dynamodb.on(TransactWriteItemsCommand).rejects(transactionCancelled('ConditionalCheckFailed', 'ConditionalCheckFailed', 'None', 'None'));
    dynamodb.on(GetItemCommand).resolves(pointer(invitation));
    expect(await store.scheduleInvitation({ ...decision, record: { ...decision.record, decidedAt: '2026-03-01T12:00:00.000Z' } })).toEqual({
      kind: 'scheduled',
      invitation,
    });
  });

  it('maps a failed customer history condition to opted_out (an opt-out after the history was read)', async () => {
    dynamodb.on(TransactWriteItemsCommand).rejects(transactionCancelled('None', 'None', 'ConditionalCheckFailed', 'None'));
    dynamodb.on(GetItemCommand).resolves(pointer(undefined));
    expect(await store.scheduleInvitation(decision)).toEqual({ kind: 'refused', reason: 'opted_out' });
  });

  it('tries again after a TransactionConflict and succeeds', async () => {
    dynamodb
      .on(TransactWriteItemsCommand)
      .rejectsOnce(transactionCancelled('TransactionConflict', 'None', 'None', 'None'))
      .resolves({});
    dynamodb.on(GetItemCommand).resolves(pointer(undefined));
    expect(await store.scheduleInvitation(decision)).toEqual({ kind: 'scheduled', invitation });
    expect(dynamodb.commandCalls(TransactWriteItemsCommand)).toHaveLength(2);
  });

  it('throws after three conflicts rather than loop', async () => {
    const conflict = transactionCancelled('TransactionConflict', 'None', 'None', 'None');
    dynamodb.on(TransactWriteItemsCommand).rejects(conflict);
    dynamodb.on(GetItemCommand).resolves(pointer(undefined));
    await expect(store.scheduleInvitation(decision)).rejects.toBe(conflict);
    expect(dynamodb.commandCalls(TransactWriteItemsCommand)).toHaveLength(3);
  });

  it.each([
    ['an unknown state', { state: 'queued' }],
    ['a time that is not an instant', { scheduledFor: 'tomorrow' }],
  ])('refuses to read a stored invitation with %s', async (_name, change) => {
    dynamodb.on(GetItemCommand).resolves({});
    dynamodb.on(QueryCommand).resolves({ Items: [marshall({ pk: 'CASE#CASE-1', sk: 'INVITATION', ...invitation, ...change })] });
    await expect(store.loadCustomerHistory('cust-1')).rejects.toThrow();
  });

  it.each(OBJECT_PROTOTYPE_NAMES)('keeps the invitation of a case named %s in the history, as its own entry', async (caseId) => {
    dynamodb.on(GetItemCommand).resolves({});
    dynamodb.on(QueryCommand).resolves({ Items: [marshall({ pk: `CASE#${caseId}`, sk: 'INVITATION', ...invitation, caseId })] });
    const history = await store.loadCustomerHistory('cust-1');
    expect(Object.getPrototypeOf(history.invitationsByCaseId)).toBe(Object.prototype);
    expect(Object.hasOwn(history.invitationsByCaseId, caseId)).toBe(true);
    expect(Object.values(history.invitationsByCaseId)).toEqual([{ ...invitation, caseId }]);
  });

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
});
