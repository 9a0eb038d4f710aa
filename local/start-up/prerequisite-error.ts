/**
 * Something the local pipeline needs before it can start, told in one line a person can act on
 * (`npm start` prints the message without a stack trace).
 */
export class PrerequisiteError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'PrerequisiteError';
  }
}
