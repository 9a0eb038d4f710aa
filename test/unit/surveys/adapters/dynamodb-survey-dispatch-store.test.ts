import { ConditionalCheckFailedException, DynamoDBClient, QueryCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbSurveyDispatchStore } from '../../../../functions/surveys/adapters/dynamodb-survey-dispatch-store.ts';
import { scheduledInvitation as invitation } from './survey-item-fixtures.ts';

const dynamodb = mockClient(DynamoDBClient);
const store = new DynamoDbSurveyDispatchStore(new DynamoDBClient({ region: 'us-east-1' }), 'table');

const now = new Date('2026-03-02T10:00:00.000Z');
const refused = () => new ConditionalCheckFailedException({ message: 'refused', $metadata: {} });

describe('DynamoDbSurveyDispatchStore', () => {
  beforeEach(() => dynamodb.reset());

  it.each([
    ['findDueInvitations', 'INVITATIONS_DUE'],
    ['findDueReminders', 'REMINDERS_DUE'],
  ] as const)('%s reads the %s partition of gsi1 and hands back a cursor that resumes the Query', async (find, partition) => {
    const lastKey = { pk: 'INVITATION#inv-1', sk: 'INVITATION', gsi1pk: partition, gsi1sk: `${invitation.scheduledFor}#inv-1` };
    dynamodb.on(QueryCommand).resolves({ Items: [marshall({ ...lastKey, ...invitation })], LastEvaluatedKey: marshall(lastKey) });
    const page = await store[find](now, 1);
    expect(page.invitations).toEqual([invitation]);
    await store[find](now, 1, page.cursor);
    const [first, second] = dynamodb.commandCalls(QueryCommand).map((call) => call.args[0].input);
    expect(unmarshall(first!.ExpressionAttributeValues!)[':due']).toBe(partition);
    expect(unmarshall(second!.ExclusiveStartKey!)).toEqual(lastKey);
  });

  it('answers false when another run holds the dispatch lease, and throws any other failure', async () => {
    dynamodb.on(UpdateItemCommand).rejects(refused());
    expect(await store.leaseForDispatch('inv-1', 'invitation', now, '2026-03-02T10:05:00.000Z')).toBe(false);
    dynamodb.on(UpdateItemCommand).rejects(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }));
    await expect(store.leaseForDispatch('inv-1', 'invitation', now, '2026-03-02T10:05:00.000Z')).rejects.toThrow('throttled');
  });

  it.each([
    ['invitation', 'INVITATIONS_DUE'],
    ['reminder', 'REMINDERS_DUE'],
  ] as const)('leases a due %s only while it is still on %s', async (purpose, partition) => {
    dynamodb.on(UpdateItemCommand).resolves({});
    expect(await store.leaseForDispatch('inv-1', purpose, now, '2026-03-02T10:05:00.000Z')).toBe(true);
    const update = dynamodb.commandCalls(UpdateItemCommand)[0]!.args[0].input;
    expect(update.ConditionExpression).toContain('gsi1pk = :partition');
    expect(unmarshall(update.ExpressionAttributeValues!)[':partition']).toBe(partition);
  });

  it('takes a reminder already off the index as dropped', async () => {
    dynamodb.on(UpdateItemCommand).rejects(refused());
    await expect(store.dropReminder('inv-1')).resolves.toBeUndefined();
  });
});
