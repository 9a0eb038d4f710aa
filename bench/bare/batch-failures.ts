// The bare consumers' batch loop: every record at once, as Powertools' BatchProcessor does by
// default, and the failed ones reported as partial batch failures.
import type { SQSBatchItemFailure, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

/** A bare SQS handler running `processRecord` on each record concurrently. */
export const bareBatchHandler =
  (processRecord: (record: SQSRecord) => Promise<unknown>) =>
  async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const outcomes = await Promise.allSettled(event.Records.map(processRecord));
    const batchItemFailures: SQSBatchItemFailure[] = [];
    outcomes.forEach((outcome, index) => {
      if (outcome.status === 'rejected') batchItemFailures.push({ itemIdentifier: event.Records[index]!.messageId });
    });
    return { batchItemFailures };
  };
