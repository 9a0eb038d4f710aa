import { marshall } from '@aws-sdk/util-dynamodb';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { captureOutput } from '../../../helpers/capture-output.ts';
import { lambdaContext } from '../../../helpers/events.ts';
import { stubEnvironment } from '../../../helpers/stub-environment.ts';
import { surveyResponseItem } from '../report-items.ts';

let module: typeof import('../../../../functions/reports/prepare-analytics-records/handler.ts');
beforeAll(async () => {
  stubEnvironment({ POWERTOOLS_METRICS_NAMESPACE: 'Test', POWERTOOLS_SERVICE_NAME: 'prepare-analytics-records' });
  module = await import('../../../../functions/reports/prepare-analytics-records/handler.ts');
});
afterEach(() => vi.restoreAllMocks());

// A Firehose record as the pipe puts it: one stream record, as JSON, base64.
const firehoseRecord = (recordId: string, streamRecord: unknown) => ({
  recordId,
  approximateArrivalTimestamp: 1_796_547_600_000,
  data: Buffer.from(JSON.stringify(streamRecord)).toString('base64'),
});
const streamRecord = (newImage: Record<string, unknown>) => ({
  eventID: 'e-1',
  eventName: 'INSERT',
  eventSource: 'aws:dynamodb',
  dynamodb: { ApproximateCreationDateTime: 1_796_547_600, NewImage: marshall(newImage), SequenceNumber: '100', StreamViewType: 'NEW_AND_OLD_IMAGES' },
});
const event = (records: ReturnType<typeof firehoseRecord>[]) => ({
  invocationId: 'inv-1',
  deliveryStreamArn: 'arn:aws:firehose:eu-west-1:123456789012:deliverystream/analytics',
  region: 'eu-west-1',
  records,
});

describe('prepare-analytics-records', () => {
  it('turns a counted item’s change into one JSON line, drops every other record, and never fails one (Firehose would store it raw)', async () => {
    const printed = captureOutput();
    const result = await module.handler(
      event([
        firehoseRecord('r-1', streamRecord(surveyResponseItem({ answer: { csat: 5, comment: 'Thanks, Hanako' } }))),
        firehoseRecord('r-2', streamRecord({ pk: 'CUSTOMER#c-1', sk: 'CONTACT', email: 'hanako@example.jp' })),
        { recordId: 'r-3', approximateArrivalTimestamp: 0, data: Buffer.from('not json, hanako@example.jp').toString('base64') },
      ]),
      lambdaContext(),
    );
    expect(result.records.map(({ recordId, result: outcome }) => [recordId, outcome])).toEqual([
      ['r-1', 'Ok'],
      ['r-2', 'Dropped'],
      ['r-3', 'Dropped'],
    ]);
    const line = Buffer.from(result.records[0]!.data ?? '', 'base64').toString('utf8');
    expect(line.endsWith('\n')).toBe(true);
    expect(JSON.parse(line)).toMatchObject({
      change: 'INSERT',
      changed_at: new Date(1_796_547_600_000).toISOString(),
      item_type: 'survey_response',
      csat: 5,
      has_comment: true,
    });
    expect(line).not.toContain('Hanako');
    // The unreadable record is counted and logged, its content not.
    expect(printed()).toContain('AnalyticsRecordsUnreadable');
    expect(printed()).not.toContain('hanako@example.jp');
  });
});
