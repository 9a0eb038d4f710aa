import { DependencyUnavailableError } from './request-errors.ts';

/**
 * Awaits a call to a queue or table on a customer's request; a refusal or timeout becomes a 503
 * the client may retry with the same Idempotency-Key, never a 500 showing internals.
 *
 * @example
 * ```ts
 * await callDependency(queue.send(message));
 * ```
 */
export const callDependency = async <Result>(call: Promise<Result>): Promise<Result> => {
  try {
    return await call;
  } catch (error) {
    throw new DependencyUnavailableError(error);
  }
};
