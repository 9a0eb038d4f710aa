import { DeleteItemCommand, DynamoDBClient, QueryCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { lambdaContext } from '../../../helpers/events.ts';
import { captureOutput } from '../../../helpers/capture-output.ts';
import { stubEnvironment } from '../../../helpers/stub-environment.ts';
import { surveyResponseItem } from '../report-items.ts';

const dynamodb = mockClient(DynamoDBClient);
let module: typeof import('../../../../functions/reports/aggregate-feedback/handler.ts');

beforeAll(async () => {
  stubEnvironment({
    REPORTS_TABLE_NAME: 'counters',
    TABLE_NAME: 'feedback',
    POWERTOOLS_METRICS_NAMESPACE: 'Test',
    POWERTOOLS_SERVICE_NAME: 'aggregate-feedback',
  });
  module = await import('../../../../functions/reports/aggregate-feedback/handler.ts');
});
beforeEach(() => dynamodb.reset());
afterEach(() => vi.restoreAllMocks());

const answer = surveyResponseItem({ answer: { csat: 4, comment: 'お世話になりました' }, reportedAs: { team: 'japan-support' } });

// A stream record as Lambda delivers it: images as DynamoDB JSON.
const record = (
  eventID: string,
  sequence: string,
  change: { old?: object; new?: object; eventName?: 'INSERT' | 'MODIFY' | 'REMOVE'; byTtl?: boolean },
): DynamoDBRecord =>
  ({
    eventID,
    eventName: change.eventName ?? (change.old === undefined ? 'INSERT' : change.new === undefined ? 'REMOVE' : 'MODIFY'),
    eventSource: 'aws:dynamodb',
    ...(change.byTtl ? { userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' } } : {}),
    dynamodb: {
      SequenceNumber: sequence,
      ...(change.old === undefined ? {} : { OldImage: marshall(change.old) }),
      ...(change.new === undefined ? {} : { NewImage: marshall(change.new) }),
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  }) as DynamoDBRecord;

describe('aggregate-feedback', () => {
  it('keeps the counts of an item its TTL deleted, and takes out those of an item a person deleted', () => {
    expect(module.streamChangeOf(record('e-1', '1', { old: answer, byTtl: true })).change.size).toBe(0);
    const deleted = module.streamChangeOf(record('e-2', '2', { old: answer }));
    expect([...deleted.change.values()].every(({ fields }) => fields.get('csat_4') === -1)).toBe(true);
  });

  it('writes a batch in one transaction with a marker per record, and reports the first record not counted when it fails', async () => {
    const output = captureOutput();
    dynamodb
      .on(TransactWriteItemsCommand)
      .resolvesOnce({})
      .rejects(Object.assign(new Error('Throughput exceeds the current capacity'), { name: 'ProvisionedThroughputExceededException' }));
    const event = { Records: [record('e-1', '100', { new: answer }), record('e-2', '101', { new: { ...answer, pk: 'INVITATION#i-2', invitationId: 'i-2' } })] };
    expect(await module.handler(event, lambdaContext('aggregate-feedback'))).toEqual({ batchItemFailures: [] });
    const items = dynamodb.commandCalls(TransactWriteItemsCommand)[0]!.args[0].input.TransactItems!;
    expect(items.filter((item) => item.Put?.ConditionExpression === 'attribute_not_exists(pk)')).toHaveLength(2);

    expect(await module.handler(event, lambdaContext('aggregate-feedback'))).toEqual({ batchItemFailures: [{ itemIdentifier: '100' }] });
    // The failure is logged by position and error, never with what the customer wrote.
    expect(output()).toContain('"firstSequenceNumber":"100"');
    expect(output()).not.toContain('お世話になりました');
  });

  it('deletes the audit entries of an escalation DynamoDB’s TTL deleted, and reports its record when that fails', async () => {
    const output = captureOutput();
    const escalation = { pk: 'ESCALATION#e-9', sk: 'ESCALATION' };
    const entries = ['AUDIT#2026-01-01T00:00:00.000Z#000001', 'AUDIT#2026-01-02T00:00:00.000Z#000002'].map((sk) => marshall({ pk: 'ESCALATION#e-9', sk }));
    dynamodb.on(QueryCommand).resolves({ Items: entries });
    dynamodb.on(DeleteItemCommand).resolves({});
    const expired = {
      ...record('e-9', '300', { old: escalation, byTtl: true }),
      dynamodb: { ...record('e-9', '300', { old: escalation, byTtl: true }).dynamodb, Keys: marshall(escalation) },
    } as DynamoDBRecord;
    const deletedByHand = { ...expired, userIdentity: undefined, dynamodb: { ...expired.dynamodb, SequenceNumber: '301' } } as DynamoDBRecord;
    expect(await module.handler({ Records: [expired, deletedByHand] }, lambdaContext('aggregate-feedback'))).toEqual({ batchItemFailures: [] });
    expect(dynamodb.commandCalls(QueryCommand)).toHaveLength(1);
    expect(dynamodb.commandCalls(QueryCommand)[0]!.args[0].input).toMatchObject({
      TableName: 'feedback',
      ExpressionAttributeValues: { ':pk': { S: 'ESCALATION#e-9' } },
    });
    expect(dynamodb.commandCalls(DeleteItemCommand).map((call) => call.args[0].input.Key)).toEqual(entries);

    dynamodb.on(DeleteItemCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    expect(await module.handler({ Records: [expired] }, lambdaContext('aggregate-feedback'))).toEqual({ batchItemFailures: [{ itemIdentifier: '300' }] });
    expect(output()).toContain('Audit entries of an expired escalation not deleted');
  });
});
