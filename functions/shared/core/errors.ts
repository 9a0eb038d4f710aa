/** One entry of an error body's `details`: which field, and what is wrong with it. */
export interface ErrorDetail {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

/**
 * An error the caller can act on: it carries the HTTP status, a stable machine-readable `code`
 * and optional field `details`, and keeps the original `cause` for the logs.
 *
 * @example
 * ```ts
 * throw new RequestError(404, 'not_found', 'No complaint has this reference.');
 * ```
 */
export class RequestError extends Error {
  override readonly name: string = 'RequestError';

  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details: readonly ErrorDetail[] = [],
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export class UnsupportedMediaTypeError extends RequestError {
  override readonly name = 'UnsupportedMediaTypeError';
  constructor(received: string | undefined) {
    super(415, 'unsupported_media_type', `Send the body as application/json (received ${received ? `"${received.slice(0, 80)}"` : 'no content type'}).`);
  }
}

export class PayloadTooLargeError extends RequestError {
  override readonly name = 'PayloadTooLargeError';
  constructor(limitBytes: number) {
    super(413, 'payload_too_large', `The body must be at most ${limitBytes} bytes.`);
  }
}

export class InvalidJsonError extends RequestError {
  override readonly name = 'InvalidJsonError';
  constructor(cause?: unknown) {
    super(400, 'invalid_json', 'The body is not valid JSON.', [], { cause });
  }
}

export class ValidationError extends RequestError {
  override readonly name = 'ValidationError';
  constructor(details: readonly ErrorDetail[]) {
    super(400, 'validation_failed', 'The request has invalid or missing fields; see details.', details);
  }
}

export class InvalidIdempotencyKeyError extends RequestError {
  override readonly name = 'InvalidIdempotencyKeyError';
  constructor() {
    super(400, 'invalid_idempotency_key', 'The Idempotency-Key header must be 1 to 255 visible ASCII characters.');
  }
}

export class InvalidStatusTokenError extends RequestError {
  override readonly name = 'InvalidStatusTokenError';
  constructor(reason: 'missing' | 'malformed' | 'bad_signature' | 'expired') {
    super(
      reason === 'expired' ? 410 : 401,
      reason === 'expired' ? 'token_expired' : 'invalid_token',
      reason === 'expired'
        ? 'This status link has expired.'
        : 'This status link is not valid; use the link from your acknowledgement.',
    );
  }
}

export class RouteNotFoundError extends RequestError {
  override readonly name = 'RouteNotFoundError';
  constructor(method: string, path: string) {
    super(404, 'route_not_found', `No route matches ${method.slice(0, 10)} ${path.slice(0, 200)}.`);
  }
}

/** A dependency (queue, table) refused or timed out: the caller may retry with the same Idempotency-Key. */
export class DependencyUnavailableError extends RequestError {
  override readonly name = 'DependencyUnavailableError';
  constructor(cause: unknown) {
    super(503, 'service_unavailable', 'The service is busy; retry with the same Idempotency-Key.', [], { cause });
  }
}
