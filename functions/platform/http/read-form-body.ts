import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { MAX_BODY_BYTES } from './request-limits.ts';
import { DuplicateFieldError, InvalidFormBodyError, PayloadTooLargeError, UnsupportedMediaTypeError } from './request-errors.ts';

const FORM_CONTENT_TYPE = /^application\/x-www-form-urlencoded\s*(?:;|$)/i;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads an HTML form's `application/x-www-form-urlencoded` body, size-checked before decoding
 * and refused when it is not UTF-8 (the page's forms declare `accept-charset="utf-8"`). A field
 * sent twice is refused with `400 duplicate_field` unless it is `repeatable` (a group of
 * checkboxes): `URLSearchParams.get` takes the first value and other readers the last, so such a
 * body is refused as a JSON member named twice is (`duplicate_key`). Names are compared decoded.
 *
 * @example
 * ```ts
 * const form = readFormBody(event, { repeatable: ['reasons'] });
 * form.getAll('reasons'); // ['speed', 'courtesy']
 * ```
 */
export const readFormBody = (
  event: APIGatewayProxyEventV2,
  { repeatable = [], maxBytes = MAX_BODY_BYTES }: { readonly repeatable?: readonly string[]; readonly maxBytes?: number } = {},
): URLSearchParams => {
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
  const seen = new Set<string>();
  for (const [name, value] of form) {
    // URLSearchParams turns broken percent-escapes into U+FFFD instead of failing.
    if (name.includes('\uFFFD') || value.includes('\uFFFD')) throw new InvalidFormBodyError();
    if (seen.has(name) && !repeatable.includes(name)) throw new DuplicateFieldError(name);
    seen.add(name);
  }
  return form;
};

/** True for a form-encoded body (an HTML form or an RFC 8058 one-click unsubscribe). */
export const isFormBody = (event: APIGatewayProxyEventV2): boolean => FORM_CONTENT_TYPE.test(event.headers?.['content-type'] ?? '');
