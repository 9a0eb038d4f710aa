/** SendMessageBatch takes at most 10 messages (SQS quota). */
const SQS_MAX_BATCH_MESSAGES = 10;

/**
 * Invitation ids per chunk message at most: 1,000 ids of 36 characters are about 40 KB, far
 * under SQS's message size limit (256 KiB), and the mailer's partial-batch retry repeats little.
 *
 * @internal exported for its tests only
 */
export const MAX_RECIPIENTS_PER_CHUNK = 1000;

export interface CampaignFanOutInput {
  readonly recipients: number;
  /** The SES sending rate one mailer invocation may use, in emails per second. */
  readonly sesRatePerSecond: number;
  /** The mailer function's timeout. */
  readonly lambdaTimeoutSeconds: number;
  /** The share of the timeout a chunk may take (0 < safety <= 1), leaving room for slow sends and retries. */
  readonly safety: number;
}

export interface CampaignFanOutPlan {
  /** Recipients in each chunk message, in order; they add up to `recipients`. */
  readonly chunkSizes: readonly number[];
  /** SendMessageBatch calls that enqueue the chunks, at most 10 chunks each. */
  readonly sendMessageBatches: number;
  /** How long the mailer takes for the largest chunk at the SES rate; at most `safety` × timeout. */
  readonly largestChunkSeconds: number;
  /** How long sending the whole campaign takes at the SES rate, one chunk after another. */
  readonly expectedSeconds: number;
}

/**
 * Plans how a relationship campaign is fanned out: the campaign starter enqueues chunk messages of
 * invitation ids, 10 to a SendMessageBatch call, and the mailer sends one chunk per invocation at
 * the SES rate. A chunk holds as many recipients as the mailer can send in `safety` × its timeout
 * (and at most {@link MAX_RECIPIENTS_PER_CHUNK}), so no invocation runs near its timeout and the
 * sending rate bounds the whole campaign's duration. Chunks are evened out, so the last is not a
 * runt.
 *
 * @example
 * ```ts
 * planCampaignFanOut({ recipients: 1000, sesRatePerSecond: 14, lambdaTimeoutSeconds: 60, safety: 0.5 });
 * // { chunkSizes: [334, 333, 333], sendMessageBatches: 1, largestChunkSeconds: 23.86…, expectedSeconds: 71.43… }
 * ```
 */
export const planCampaignFanOut = ({ recipients, sesRatePerSecond, lambdaTimeoutSeconds, safety }: CampaignFanOutInput): CampaignFanOutPlan => {
  if (!Number.isInteger(recipients) || recipients < 0) throw new RangeError(`Recipients must be a whole number, not ${recipients}.`);
  if (!(sesRatePerSecond > 0) || !(lambdaTimeoutSeconds > 0)) throw new RangeError('The SES rate and the Lambda timeout must be positive.');
  if (!(safety > 0 && safety <= 1)) throw new RangeError(`Safety must be in (0, 1], not ${safety}.`);
  const capacity = Math.min(MAX_RECIPIENTS_PER_CHUNK, Math.floor(sesRatePerSecond * lambdaTimeoutSeconds * safety));
  if (capacity < 1) throw new RangeError('At this SES rate the mailer cannot send one email within the safe share of its timeout.');
  const chunkCount = Math.ceil(recipients / capacity);
  const smallest = chunkCount === 0 ? 0 : Math.floor(recipients / chunkCount);
  const withOneMore = recipients - smallest * chunkCount;
  const chunkSizes = Array.from({ length: chunkCount }, (_, index) => (index < withOneMore ? smallest + 1 : smallest));
  return {
    chunkSizes,
    sendMessageBatches: Math.ceil(chunkCount / SQS_MAX_BATCH_MESSAGES),
    largestChunkSeconds: (chunkSizes[0] ?? 0) / sesRatePerSecond,
    expectedSeconds: recipients / sesRatePerSecond,
  };
};
