import type { _Record as StreamRecord, AttributeValue } from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue as EventAttributeValue, DynamoDBStreamEvent } from 'aws-lambda';

/**
 * Builds the event Lambda passes for a DynamoDB stream event source, from records GetRecords
 * returned: the same fields, with the creation time in epoch seconds and binary values in base64.
 *
 * @example
 * const event = buildStreamEvent(records, streamArn, 'us-east-1');
 */
export function buildStreamEvent(records: readonly StreamRecord[], eventSourceARN: string, awsRegion: string): DynamoDBStreamEvent {
  return {
    Records: records.map((record) => {
      const change = record.dynamodb ?? {};
      return {
        eventID: record.eventID,
        eventName: record.eventName,
        eventVersion: record.eventVersion ?? '1.1',
        eventSource: 'aws:dynamodb',
        awsRegion,
        eventSourceARN,
        ...(record.userIdentity === undefined ? {} : { userIdentity: { type: record.userIdentity.Type, principalId: record.userIdentity.PrincipalId } }),
        dynamodb: {
          ...(change.ApproximateCreationDateTime === undefined
            ? {}
            : { ApproximateCreationDateTime: Math.floor(change.ApproximateCreationDateTime.getTime() / 1000) }),
          ...(change.Keys === undefined ? {} : { Keys: imageOf(change.Keys) }),
          ...(change.NewImage === undefined ? {} : { NewImage: imageOf(change.NewImage) }),
          ...(change.OldImage === undefined ? {} : { OldImage: imageOf(change.OldImage) }),
          SequenceNumber: change.SequenceNumber,
          SizeBytes: change.SizeBytes,
          StreamViewType: change.StreamViewType,
        },
      };
    }),
  };
}

const imageOf = (image: Record<string, AttributeValue>): Record<string, EventAttributeValue> =>
  Object.fromEntries(Object.entries(image).map(([name, value]) => [name, eventValueOf(value)]));

// The event is JSON: binary values travel as base64, as Lambda sends them. The streams client
// reads an empty map (`{"M":{}}` on the wire) back as a value with no member at all; no other
// type can be empty (an empty list keeps its `L`, sets are never empty), so that is a map.
const eventValueOf = (value: AttributeValue): EventAttributeValue => {
  if (Object.values(value).every((member) => member === undefined)) return { M: {} };
  if (value.B !== undefined) return { B: Buffer.from(value.B).toString('base64') };
  if (value.BS !== undefined) return { BS: value.BS.map((item) => Buffer.from(item).toString('base64')) };
  if (value.M !== undefined) return { M: imageOf(value.M) };
  if (value.L !== undefined) return { L: value.L.map(eventValueOf) };
  return value as EventAttributeValue;
};
