import { DynamoDBClient, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
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
  stubEnvironment({ REPORTS_TABLE_NAME: 'counters', POWERTOOLS_METRICS_NAMESPACE: 'Test', POWERTOOLS_SERVICE_NAME: 'aggregate-feedback' });
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
});
