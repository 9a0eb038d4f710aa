import type { SQSRecord } from 'aws-lambda';
import type * as z from 'zod/mini';

/** A message that can never be stored: it goes to the dead-letter queue for a person to read. */
export class PoisonMessageError extends Error {
  override readonly name = 'PoisonMessageError';
  constructor(
    readonly code: 'invalid_json' | 'invalid_message',
    readonly paths: readonly string[] = [],
  ) {
    super(`Message rejected: ${code}${paths.length ? ` at ${paths.join(', ')}` : ''}`);
  }
}

/**
 * Parses a record's body with the same schema the producer used. The error names only the
 * failing paths, never the values, so it is safe to log.
 */
export const parseQueueMessage = <Message>(record: SQSRecord, schema: z.ZodMiniType<Message>): Message => {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    throw new PoisonMessageError('invalid_json');
  }
  const result = schema.safeParse(body);
  if (!result.success)
    throw new PoisonMessageError(
      'invalid_message',
      result.error.issues.map((issue) => issue.path.join('.')),
    );
  return result.data;
};
