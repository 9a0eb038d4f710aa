import { DynamoDBClient, GetItemCommand, QueryCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbSurveyStore } from '../../../../functions/surveys/adapters/dynamodb-survey-store.ts';
import { scheduledInvitation as invitation, transactionCancelled } from './survey-item-fixtures.ts';

const dynamodb = mockClient(DynamoDBClient);
const store = new DynamoDbSurveyStore(new DynamoDBClient({ region: 'us-east-1' }), 'table');

describe('DynamoDbSurveyStore', () => {
  beforeEach(() => dynamodb.reset());

  it('marks a scheduled invitation sent in one transaction of invitation, history and case pointer', async () => {
    dynamodb.on(GetItemCommand).resolves({ Item: marshall({ pk: 'INVITATION#inv-1', sk: 'INVITATION', ...invitation }) });
    dynamodb.on(TransactWriteItemsCommand).resolves({});
    expect(await store.markSent('inv-1', new Date('2026-03-02T10:00:05Z'))).toBe('sent');
    const items = dynamodb.commandCalls(TransactWriteItemsCommand)[0]!.args[0].input.TransactItems!;
    expect(items.map((item) => unmarshall(item.Update!.Key!))).toEqual([
      { pk: 'INVITATION#inv-1', sk: 'INVITATION' },
      { pk: 'CUSTOMER#cust-1', sk: 'HISTORY' },
      { pk: 'CASE#CASE-1', sk: 'INVITATION' },
    ]);
    expect(items[0]!.Update!.ConditionExpression).toBe('#state = :scheduled');
  });

  it('answers not_scheduled when markSent finds the invitation no longer scheduled', async () => {
    dynamodb.on(GetItemCommand).resolves({ Item: marshall({ pk: 'INVITATION#inv-1', sk: 'INVITATION', ...invitation }) });
    dynamodb.on(TransactWriteItemsCommand).rejects(transactionCancelled('ConditionalCheckFailed', 'None', 'None'));
    expect(await store.markSent('inv-1', new Date('2026-03-02T10:00:05Z'))).toBe('not_scheduled');
  });

  it('answers not_scheduled, writing nothing, when markSent finds no invitation', async () => {
    dynamodb.on(GetItemCommand).resolves({});
    expect(await store.markSent('inv-1', new Date('2026-03-02T10:00:05Z'))).toBe('not_scheduled');
    expect(dynamodb.commandCalls(TransactWriteItemsCommand)).toHaveLength(0);
  });

  it('reads due invitations from the INVITATIONS_DUE partition of gsi1', async () => {
    dynamodb.on(QueryCommand).resolves({ Items: [marshall({ pk: 'INVITATION#inv-1', sk: 'INVITATION', gsi1pk: 'INVITATIONS_DUE', ...invitation })] });
    expect(await store.findDueInvitations(new Date('2026-03-02T10:00:00Z'), 25)).toEqual({ invitations: [invitation], cursor: undefined });
    const query = dynamodb.commandCalls(QueryCommand)[0]!.args[0].input;
    expect(query.IndexName).toBe('gsi1');
    expect(unmarshall(query.ExpressionAttributeValues!)[':due']).toBe('INVITATIONS_DUE');
  });
});
