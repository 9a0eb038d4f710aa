import { echoedText } from './echoed-text.ts';

/** One entry of an error body's `details`: which field, and what is wrong with it. */
export interface ErrorDetail {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

/**
 * An error the caller can act on: it carries the HTTP status, a stable machine-readable `code`
 * and optional field `details`, and keeps the original `cause` for the logs. Only the HTTP layer
 * knows these; core errors are mapped to them in `json-error-response.ts`.
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
    super(415, 'unsupported_media_type', `Send the body as application/json (received ${received ? `"${echoedText(received)}"` : 'no content type'}).`);
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

/** The body names one member twice in an object: parsers disagree on which one wins. */
export class DuplicateKeyError extends RequestError {
  override readonly name = 'DuplicateKeyError';
  constructor(path: string) {
    super(400, 'duplicate_key', 'The body names a field twice in one object; send each field once.', [
      { path: echoedText(path), code: 'duplicate_key', message: 'This field appears more than once.' },
    ]);
  }
}

/** A form sends one field twice: readers disagree on which value wins (`get` takes the first, others the last). */
export class DuplicateFieldError extends RequestError {
  override readonly name = 'DuplicateFieldError';
  constructor(field: string) {
    super(400, 'duplicate_field', 'The form sends a field more than once; send each field once.', [
      { path: echoedText(field), code: 'duplicate_field', message: 'This field appears more than once.' },
    ]);
  }
}

export class ValidationError extends RequestError {
  override readonly name = 'ValidationError';
  /** `omitted` counts the problems left out of `details` to keep the answer small. */
  constructor(details: readonly ErrorDetail[], omitted = 0) {
    super(
      400,
      'validation_failed',
      omitted > 0
        ? `The request has invalid or missing fields; details lists the first ${details.length} of ${details.length + omitted} problems.`
        : 'The request has invalid or missing fields; see details.',
      details,
    );
  }
}

export class InvalidIdempotencyKeyError extends RequestError {
  override readonly name = 'InvalidIdempotencyKeyError';
  constructor() {
    super(400, 'invalid_idempotency_key', 'The Idempotency-Key header must be 1 to 255 visible ASCII characters.');
  }
}

export class RouteNotFoundError extends RequestError {
  override readonly name = 'RouteNotFoundError';
  constructor(method: string, path: string) {
    super(404, 'route_not_found', `No route matches ${echoedText(method)} ${echoedText(path)}.`);
  }
}

/** A dependency (queue, table) refused or timed out: the caller may retry with the same Idempotency-Key. */
export class DependencyUnavailableError extends RequestError {
  override readonly name = 'DependencyUnavailableError';
  constructor(cause: unknown) {
    super(503, 'service_unavailable', 'The service is busy; retry with the same Idempotency-Key.', [], { cause });
  }
}

/** No usable supervisor token: missing, malformed, forged, expired, or for another issuer or client. */
export class InvalidTokenError extends RequestError {
  override readonly name = 'InvalidTokenError';
  constructor(message: string, cause?: unknown) {
    super(401, 'invalid_token', message, [], { cause });
  }
}

/** A valid supervisor token whose user may not do this: no role, no team, or another team's item. */
export class ForbiddenError extends RequestError {
  override readonly name = 'ForbiddenError';
  constructor(message: string, cause?: unknown) {
    super(403, 'forbidden', message, [], { cause });
  }
}

export class InvalidFormBodyError extends RequestError {
  override readonly name = 'InvalidFormBodyError';
  constructor(cause?: unknown) {
    super(400, 'invalid_form', 'The form body is not valid UTF-8 form encoding.', [], { cause });
  }
}

/** The escalation is held by someone else (or in a state that refuses the action); `holder` names who holds it, when someone does. */
export class ConflictError extends RequestError {
  override readonly name = 'ConflictError';
  constructor(
    code: string,
    message: string,
    readonly holder: string | undefined,
    cause?: unknown,
  ) {
    super(409, code, message, [], { cause });
  }
}
