// The yardstick for functions/reports/prepare-analytics-records: each Firehose record decoded,
// its new image unmarshalled with @aws-sdk/util-dynamodb and three fields kept, as one JSON line.
// No schemas, no item kinds, no Powertools, no middy.
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { FirehoseTransformationEvent } from 'aws-lambda';

export const handler = async (event: FirehoseTransformationEvent) => ({
  records: event.records.map(({ recordId, data }) => {
    const record = JSON.parse(Buffer.from(data, 'base64').toString('utf8'));
    const item = unmarshall(record.dynamodb?.NewImage ?? {});
    const line = JSON.stringify({ change: record.eventName, pk: item['pk'], status: item['status'] });
    return { recordId, result: 'Ok', data: Buffer.from(`${line}\n`).toString('base64') };
  }),
});
