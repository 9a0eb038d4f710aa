import { AsyncLocalStorage } from 'node:async_hooks';

// Hand-written, because Powertools' own correlation id (`logger.setCorrelationId`) is one value per
// invocation, and a queue consumer handles the records of a batch in parallel, each from another
// request. An AsyncLocalStorage keeps each record's id with the work it starts.
const current = new AsyncLocalStorage<string>();

/**
 * Runs `work` with `id` as the correlation id of everything it logs, queues and mails: the API
 * request's id at the edge, carried as the `correlationId` message attribute through a queue.
 *
 * @example
 * return withCorrelationId(event.requestContext.requestId, () => handle(event));
 */
export const withCorrelationId = <T>(id: string | undefined, work: () => T): T => (id === undefined || id === '' ? work() : current.run(id, work));

/** The correlation id of the work running now, if it has one. */
export const currentCorrelationId = (): string | undefined => current.getStore();

/** The SQS message attribute that carries the id from the sender to the consumer. */
export const CORRELATION_ID_ATTRIBUTE = 'correlationId';

/** The email header that carries it into a sent message (SES keeps custom headers). */
export const CORRELATION_ID_HEADER = 'X-Correlation-Id';
