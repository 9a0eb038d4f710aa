import { DynamoDBClient, ProvisionedThroughputExceededException, TransactionCanceledException, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { writeLabelledTransaction, type LabelledItem } from '../../../../functions/platform/single-table/labelled-transaction.ts';

const dynamodb = mockClient(DynamoDBClient);
const client = new DynamoDBClient({ region: 'eu-west-1' });

const put = (pk: string) => ({ Put: { TableName: 'table', Item: { pk: { S: pk }, sk: { S: 'ITEM' } }, ConditionExpression: 'attribute_not_exists(pk)' } });
const items: LabelledItem<'escalation' | 'audit-entry' | 'escalation-request'>[] = [
  { label: 'escalation', item: put('ESCALATION#1') },
  { label: 'audit-entry', item: put('AUDIT#1') },
  { label: 'escalation-request', item: put('REQUEST#1') },
];
const cancelled = (...codes: (string | undefined)[]) =>
  new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });

beforeEach(() => dynamodb.reset());

describe('writeLabelledTransaction', () => {
  it('sends the items in the order given, with the other input, and reports a commit', async () => {
    // Prepare
    dynamodb.on(TransactWriteItemsCommand).resolves({});

    // Act
    const outcome = await writeLabelledTransaction(client, items, { ClientRequestToken: 'token-1' });

    // Assess
    expect(outcome).toEqual({ committed: true });
    expect(dynamodb.commandCalls(TransactWriteItemsCommand)[0]?.args[0].input).toEqual({
      ClientRequestToken: 'token-1',
      TransactItems: items.map(({ item }) => item),
    });
  });

  it.each([
    ['the first item', ['ConditionalCheckFailed', 'None', 'None'], ['escalation']],
    ['the last item', ['None', 'None', 'ConditionalCheckFailed'], ['escalation-request']],
    ['two items, in item order', ['ConditionalCheckFailed', 'None', 'ConditionalCheckFailed'], ['escalation', 'escalation-request']],
    ['no item (throttled)', ['None', 'ThrottlingError', 'None'], []],
  ])('names the items whose condition failed when it fails on %s', async (_case, codes, failed) => {
    dynamodb.on(TransactWriteItemsCommand).rejects(cancelled(...codes));

    const outcome = await writeLabelledTransaction(client, items);

    expect(outcome).toMatchObject({ committed: false, failedConditions: failed, conflicts: [] });
  });

  it('names the items another write was changing apart from failed conditions', async () => {
    dynamodb.on(TransactWriteItemsCommand).rejects(cancelled('TransactionConflict', 'ConditionalCheckFailed', 'None'));

    const outcome = await writeLabelledTransaction(client, items);

    expect(outcome).toMatchObject({ committed: false, failedConditions: ['audit-entry'], conflicts: ['escalation'] });
  });

  it('keeps the cancellation, so a caller can rethrow what no label explains', async () => {
    const error = cancelled('None', 'ThrottlingError', 'None');
    dynamodb.on(TransactWriteItemsCommand).rejects(error);

    const outcome = await writeLabelledTransaction(client, items);

    expect(outcome.committed === false && outcome.error).toBe(error);
  });

  it('names no item when the cancellation carries no reasons', async () => {
    dynamodb.on(TransactWriteItemsCommand).rejects(new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {} }));

    const outcome = await writeLabelledTransaction(client, items);

    expect(outcome).toMatchObject({ committed: false, failedConditions: [], conflicts: [] });
  });

  it('passes every other error through', async () => {
    const throttled = new ProvisionedThroughputExceededException({ message: 'Slow down', $metadata: {} });
    dynamodb.on(TransactWriteItemsCommand).rejects(throttled);

    await expect(writeLabelledTransaction(client, items)).rejects.toBe(throttled);
  });
});
