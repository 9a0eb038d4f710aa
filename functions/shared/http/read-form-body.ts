import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { MAX_BODY_BYTES } from '../contracts/request-limits.ts';
import { InvalidFormBodyError, PayloadTooLargeError, UnsupportedMediaTypeError } from './request-errors.ts';

const FORM_CONTENT_TYPE = /^application\/x-www-form-urlencoded\s*(?:;|$)/i;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads an HTML form's `application/x-www-form-urlencoded` body, size-checked before decoding
 * and refused when it is not UTF-8 (the page's forms declare `accept-charset="utf-8"`).
 *
 * @example
 * ```ts
 * const form = readFormBody(event);
 * form.getAll('reasons'); // ['speed', 'courtesy']
 * ```
 */
export const readFormBody = (event: APIGatewayProxyEventV2, maxBytes: number = MAX_BODY_BYTES): URLSearchParams => {
  const contentType = event.headers?.['content-type'];
  if (!contentType || !FORM_CONTENT_TYPE.test(contentType)) throw new UnsupportedMediaTypeError(contentType);
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.byteLength > maxBytes) throw new PayloadTooLargeError(maxBytes);
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch (error) {
    throw new InvalidFormBodyError(error);
  }
  const form = new URLSearchParams(text);
  // URLSearchParams turns broken percent-escapes into U+FFFD instead of failing.
  for (const [name, value] of form) if (name.includes('\uFFFD') || value.includes('\uFFFD')) throw new InvalidFormBodyError();
  return form;
};

/** True for a form-encoded body (an HTML form or an RFC 8058 one-click unsubscribe). */
export const isFormBody = (event: APIGatewayProxyEventV2): boolean => FORM_CONTENT_TYPE.test(event.headers?.['content-type'] ?? '');
