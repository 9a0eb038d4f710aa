import { DynamoDBClient, GetItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbDeliveryEventStore } from '../../../../functions/surveys/adapters/dynamodb-delivery-event-store.ts';
import type { SurveyInvitation } from '../../../../functions/surveys/core/customer-survey-history.ts';
import type { SurveyDecisionRecord } from '../../../../functions/surveys/contracts/survey-decision-record.ts';
import { scheduledInvitation } from './survey-item-fixtures.ts';
import type { AddressSuppression } from '../../../../functions/surveys/core/survey-invitation-store.ts';

const dynamodb = mockClient(DynamoDBClient);
const store = new DynamoDbDeliveryEventStore(new DynamoDBClient({ region: 'us-east-1' }), 'table');

const invitation: SurveyInvitation = { ...scheduledInvitation, state: 'sent' };
const suppression: AddressSuppression = { addressKey: 'a1b2', reason: 'bounced', at: '2026-03-02T10:01:00.000Z', detail: 'Permanent/General' };
const bounced: SurveyDecisionRecord = {
  event: 'bounced',
  kind: 'post_resolution',
  customerId: 'cust-1',
  caseId: 'CASE-1',
  invitationId: 'inv-1',
  decidedAt: suppression.at,
};

describe('DynamoDbDeliveryEventStore', () => {
  beforeEach(() => dynamodb.reset());

  it('reads no invitation for an id it does not hold', async () => {
    dynamodb.on(GetItemCommand).resolves({});
    expect(await store.getInvitation('inv-unknown')).toBeUndefined();
  });

  it('suppresses the address, the customer, marks the invitation bounced and logs the decision in one transaction', async () => {
    dynamodb.on(TransactWriteItemsCommand).resolves({});
    await store.recordSuppression(suppression, invitation, bounced);
    const items = dynamodb.commandCalls(TransactWriteItemsCommand)[0]!.args[0].input.TransactItems!;
    expect(items.map((item) => unmarshall(item.Put?.Item ?? item.Update!.Key!))).toEqual([
      { pk: 'ADDRESS#a1b2', sk: 'SUPPRESSION', reason: 'bounced', suppressedAt: suppression.at, detail: 'Permanent/General' },
      { pk: 'CUSTOMER#cust-1', sk: 'HISTORY' },
      { pk: 'INVITATION#inv-1', sk: 'INVITATION' },
      expect.objectContaining({ pk: 'CASE#CASE-1', sk: `DECISION#${suppression.at}#bounced#inv-1` }),
    ]);
    expect(items[2]!.Update!.UpdateExpression).toBe('SET bouncedAt = if_not_exists(bouncedAt, :at)');
  });

  it('suppresses only the address when the event names no invitation of ours', async () => {
    dynamodb.on(TransactWriteItemsCommand).resolves({});
    await store.recordSuppression(suppression);
    expect(dynamodb.commandCalls(TransactWriteItemsCommand)[0]!.args[0].input.TransactItems).toHaveLength(1);
  });
});
