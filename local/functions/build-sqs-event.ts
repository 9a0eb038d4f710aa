import type { Message } from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSMessageAttributes } from 'aws-lambda';

/**
 * Builds the SQS event Lambda's event source mapping passes to the function, from messages
 * received with all system and message attributes.
 *
 * @example
 * const event = buildSqsEvent(messages, queueArn, 'us-east-1');
 */
export function buildSqsEvent(messages: readonly Message[], eventSourceARN: string, awsRegion: string): SQSEvent {
  return {
    Records: messages.map((message) => ({
      messageId: message.MessageId ?? '',
      receiptHandle: message.ReceiptHandle ?? '',
      body: message.Body ?? '',
      attributes: message.Attributes as SQSEvent['Records'][number]['attributes'],
      messageAttributes: toRecordAttributes(message.MessageAttributes ?? {}),
      md5OfBody: message.MD5OfBody ?? '',
      ...(message.MD5OfMessageAttributes === undefined ? {} : { md5OfMessageAttributes: message.MD5OfMessageAttributes }),
      eventSource: 'aws:sqs',
      eventSourceARN,
      awsRegion,
    })),
  };
}

// The event uses camelCase attribute fields and base64 for binary values, unlike ReceiveMessage.
function toRecordAttributes(attributes: NonNullable<Message['MessageAttributes']>): SQSMessageAttributes {
  return Object.fromEntries(
    Object.entries(attributes).map(([name, attribute]) => [
      name,
      {
        ...(attribute.StringValue === undefined ? {} : { stringValue: attribute.StringValue }),
        ...(attribute.BinaryValue === undefined ? {} : { binaryValue: Buffer.from(attribute.BinaryValue).toString('base64') }),
        stringListValues: attribute.StringListValues ?? [],
        binaryListValues: (attribute.BinaryListValues ?? []).map((value) => Buffer.from(value).toString('base64')),
        dataType: attribute.DataType ?? 'String',
      },
    ]),
  );
}

/**
 * Which messages of a batch to delete after an invocation, as Lambda decides: all of them on
 * success; with ReportBatchItemFailures, all but the reported ones; none if the response names an
 * unknown or empty itemIdentifier (Lambda then treats the whole batch as failed).
 */
export function messagesToDelete(messages: readonly Message[], result: unknown, reportsBatchItemFailures: boolean): Message[] {
  if (!reportsBatchItemFailures) return [...messages];
  const failures = (result as { batchItemFailures?: unknown } | null | undefined)?.batchItemFailures;
  if (failures === undefined || failures === null) return [...messages];
  if (!Array.isArray(failures)) return [];
  const ids = new Set(messages.map((message) => message.MessageId));
  const failed = new Set<unknown>();
  for (const failure of failures) {
    const itemIdentifier = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof itemIdentifier !== 'string' || !ids.has(itemIdentifier)) return [];
    failed.add(itemIdentifier);
  }
  return messages.filter((message) => !failed.has(message.MessageId));
}
