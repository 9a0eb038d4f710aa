import { BatchGetItemCommand, DynamoDBClient, GetItemCommand, TransactionCanceledException, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbSurveyMailStore } from '../../../../functions/surveys/adapters/dynamodb-survey-mail-store.ts';
import type { SurveyDecisionRecord } from '../../../../functions/surveys/contracts/survey-decision-record.ts';
import { scheduledInvitation as invitation, transactionCancelled } from './survey-item-fixtures.ts';

const dynamodb = mockClient(DynamoDBClient);
const store = new DynamoDbSurveyMailStore(new DynamoDBClient({ region: 'us-east-1' }), 'table');

const now = new Date('2026-03-02T10:00:00.000Z');
const sent: SurveyDecisionRecord = {
  event: 'sent',
  kind: 'post_resolution',
  customerId: 'cust-1',
  caseId: 'CASE-1',
  invitationId: 'inv-1',
  decidedAt: now.toISOString(),
};

describe('DynamoDbSurveyMailStore', () => {
  beforeEach(() => dynamodb.reset());

  it('refuses a queued message naming another customer than its invitation', async () => {
    dynamodb.on(BatchGetItemCommand).resolves({ Responses: { table: [marshall({ pk: 'INVITATION#inv-1', sk: 'INVITATION', ...invitation })] } });
    await expect(store.loadMailingContext('inv-1', 'cust-2')).rejects.toThrow(TypeError);
  });

  it('reads the address suppression by the hash of the contact address, never the address itself', async () => {
    dynamodb.on(BatchGetItemCommand).resolves({
      Responses: {
        table: [
          marshall({ pk: 'INVITATION#inv-1', sk: 'INVITATION', ...invitation }),
          marshall({ pk: 'CUSTOMER#cust-1', sk: 'CONTACT', customerId: 'cust-1', email: 'Ada@Example.com', tier: 'standard', lastSeenAt: now.toISOString() }),
        ],
      },
    });
    dynamodb.on(GetItemCommand).resolves({ Item: marshall({ pk: 'ADDRESS#x', sk: 'SUPPRESSION', reason: 'bounced' }) });
    expect(await store.loadMailingContext('inv-1', 'cust-1')).toMatchObject({ invitation, addressSuppression: 'bounced', optedOut: false });
    const key = unmarshall(dynamodb.commandCalls(GetItemCommand)[0]!.args[0].input.Key!);
    expect(key.pk).toMatch(/^ADDRESS#[0-9a-f]{64}$/);
  });

  it('takes a refused first item of the mailed transaction as another delivery having recorded it, and throws other refusals', async () => {
    dynamodb.on(TransactWriteItemsCommand).rejects(transactionCancelled('ConditionalCheckFailed', 'None', 'None', 'None'));
    await expect(store.recordMailed(invitation, 'invitation', sent, '2026-03-05T10:00:00.000Z')).resolves.toBeUndefined();
    dynamodb.on(TransactWriteItemsCommand).rejects(transactionCancelled('None', 'None', 'ConditionalCheckFailed', 'None'));
    await expect(store.recordMailed(invitation, 'invitation', sent, '2026-03-05T10:00:00.000Z')).rejects.toThrow(TransactionCanceledException);
  });

  it('moves a mailed invitation from INVITATIONS_DUE to REMINDERS_DUE at its remind time', async () => {
    dynamodb.on(TransactWriteItemsCommand).resolves({});
    await store.recordMailed(invitation, 'invitation', sent, '2026-03-05T10:00:00.000Z');
    const [first] = dynamodb.commandCalls(TransactWriteItemsCommand)[0]!.args[0].input.TransactItems!;
    expect(unmarshall(first!.Update!.ExpressionAttributeValues!)).toMatchObject({
      ':reminders': 'REMINDERS_DUE',
      ':remindKey': '2026-03-05T10:00:00.000Z#inv-1',
    });
  });
});
