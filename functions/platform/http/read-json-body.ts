import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { MAX_BODY_BYTES, MAX_ERROR_DETAILS } from './request-limits.ts';
import { echoedText } from './echoed-text.ts';
import { findDuplicateKey } from './find-duplicate-key.ts';
import { DuplicateKeyError, InvalidJsonError, PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError, type ErrorDetail } from './request-errors.ts';

// zod/mini ships without messages ("Invalid input"); the English locale makes `details` useful.
z.config(en());

const JSON_CONTENT_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

// Built once: without `stream: true` each `decode` call is independent, so one decoder serves
// every request.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads and validates a JSON body against `schema`. Written by hand rather than with
 * `@middy/http-json-body-parser` because every refusal must carry our error code and field
 * details, and the size check must come before parsing.
 *
 * @example
 * ```ts
 * const submission = readJsonBody(event, feedbackSubmissionSchema);
 * ```
 */
export const readJsonBody = <Output>(event: APIGatewayProxyEventV2, schema: z.ZodMiniType<Output>, maxBytes: number = MAX_BODY_BYTES): Output => {
  const contentType = event.headers?.['content-type'];
  if (!contentType || !JSON_CONTENT_TYPE.test(contentType)) throw new UnsupportedMediaTypeError(contentType);

  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.byteLength > maxBytes) throw new PayloadTooLargeError(maxBytes);

  let text: string;
  let parsed: unknown;
  try {
    text = strictUtf8.decode(bytes);
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InvalidJsonError(error);
  }
  const duplicate = findDuplicateKey(text);
  if (duplicate !== undefined) throw new DuplicateKeyError(duplicate);

  const result = schema.safeParse(parsed);
  if (!result.success) {
    const details = detailsOf(result.error.issues);
    throw new ValidationError(details.slice(0, MAX_ERROR_DETAILS), Math.max(0, details.length - MAX_ERROR_DETAILS));
  }
  return result.data;
};

/** Field-level details for the error body; input values are never echoed back, names only cut short. */
export const detailsOf = (issues: readonly z.core.$ZodIssue[]): ErrorDetail[] =>
  issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          path: echoedText([...issue.path, key].join('.')),
          code: 'unknown_field',
          message: 'This field is not part of the contract.',
        }))
      : [{ path: echoedText(issue.path.join('.')) || '(body)', code: issue.code, message: issue.message }],
  );
