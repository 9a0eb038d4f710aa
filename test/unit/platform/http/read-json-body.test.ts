import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPLAINT_CATEGORIES, complaintSubmissionSchema } from '../../../../functions/intake/contracts/complaint-submission.ts';
import { MAX_BODY_BYTES, MAX_ECHOED_CHARS, MAX_ERROR_DETAILS } from '../../../../functions/platform/http/request-limits.ts';
import { readJsonBody } from '../../../../functions/platform/http/read-json-body.ts';
import { httpEvent } from '../../../helpers/events.ts';
import { validComplaint } from '../../../helpers/submissions.ts';

const schema = complaintSubmissionSchema(DEFAULT_COMPLAINT_CATEGORIES);
const body = JSON.stringify(validComplaint());

describe('readJsonBody', () => {
  it.each([
    ['application/json', 'application/json'],
    ['a charset', 'application/json; charset=utf-8'],
    ['upper case', 'Application/JSON'],
    ['a +json subtype', 'application/vnd.api+json'],
  ])('accepts a JSON body sent with %s', (_name, contentType) => {
    expect(readJsonBody(httpEvent({ body, headers: { 'content-type': contentType } }), schema)).toEqual(validComplaint());
  });

  it('decodes a base64-encoded body', () => {
    const event = httpEvent({ body: Buffer.from(body).toString('base64'), isBase64Encoded: true });
    expect(readJsonBody(event, schema)).toEqual(validComplaint());
  });

  it.each([
    ['no content type', httpEvent({ body, headers: { 'content-type': '' } }), 415, 'unsupported_media_type'],
    ['text/plain', httpEvent({ body, headers: { 'content-type': 'text/plain' } }), 415, 'unsupported_media_type'],
    ['a form', httpEvent({ body, headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415, 'unsupported_media_type'],
    ['a look-alike type', httpEvent({ body, headers: { 'content-type': 'application/jsonx' } }), 415, 'unsupported_media_type'],
    ['no body', httpEvent({ body: undefined }), 400, 'invalid_json'],
    ['truncated JSON', httpEvent({ body: body.slice(0, -1) }), 400, 'invalid_json'],
    ['invalid UTF-8', httpEvent({ body: Buffer.from([0x7b, 0xff, 0x7d]).toString('base64'), isBase64Encoded: true }), 400, 'invalid_json'],
    ['a JSON array', httpEvent({ body: '[]' }), 400, 'validation_failed'],
    ['JSON null', httpEvent({ body: 'null' }), 400, 'validation_failed'],
    ['a member named twice', httpEvent({ body: body.replace('{', '{"email":"first@example.com",') }), 400, 'duplicate_key'],
    ['a member named twice in two spellings', httpEvent({ body: body.replace('{', '{"\\u0065mail":"first@example.com",') }), 400, 'duplicate_key'],
    ['one byte over the limit', httpEvent({ body: ' '.repeat(MAX_BODY_BYTES - body.length + 1) + body }), 413, 'payload_too_large'],
  ])('refuses %s', (_name, event, statusCode, code) => {
    expect(() => readJsonBody(event, schema)).toThrow(expect.objectContaining({ statusCode, code }));
  });

  it('accepts a body of exactly the limit', () => {
    const padded = ' '.repeat(MAX_BODY_BYTES - body.length) + body;
    expect(readJsonBody(httpEvent({ body: padded }), schema)).toEqual(validComplaint());
  });

  it('names each unknown field and each invalid field without echoing values', () => {
    const event = httpEvent({ body: JSON.stringify(validComplaint({ email: 'secret-value', isAdmin: true, __proto__x: 1 })) });
    try {
      readJsonBody(event, schema);
      expect.unreachable();
    } catch (error) {
      const details = (error as { details: { path: string; code: string }[] }).details;
      expect(details).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ path: 'isAdmin', code: 'unknown_field' }),
          expect.objectContaining({ path: '__proto__x', code: 'unknown_field' }),
          expect.objectContaining({ path: 'email', code: 'invalid_format' }),
        ]),
      );
      expect(JSON.stringify(details)).not.toContain('secret-value');
    }
  });

  it('treats a "__proto__" key as an unknown field, not a prototype', () => {
    const event = httpEvent({ body: body.replace('{', '{"__proto__":{"polluted":true},') });
    expect(() => readJsonBody(event, schema)).toThrow(expect.objectContaining({ code: 'validation_failed' }));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  // Error answers must not amplify: the first 20 problems, how many more, and no echoed name in full.
  it('lists the first 20 of 4,253 problems (4,250 unknown fields, 3 missing) and says how many there were', () => {
    const unknown = Object.fromEntries(Array.from({ length: 4250 }, (_, index) => [index.toString(36), 0]));
    const event = httpEvent({ body: JSON.stringify(unknown) });
    expect(Buffer.byteLength(event.body!)).toBeLessThanOrEqual(MAX_BODY_BYTES);
    const error = captured(() => readJsonBody(event, schema));
    expect(error.details).toHaveLength(MAX_ERROR_DETAILS);
    expect(error.message).toContain(`first ${MAX_ERROR_DETAILS} of 4253 problems`);
    expect(JSON.stringify(error.details).length).toBeLessThan(2048);
  });

  it.each([
    ['an unknown field name', () => readJsonBody(httpEvent({ body: JSON.stringify(validComplaint({ ['k'.repeat(32_000)]: 1 })) }), schema)],
    ['a duplicate field name', () => readJsonBody(httpEvent({ body: `{"${'d'.repeat(32_000)}":1,"${'d'.repeat(32_000)}":2}` }), schema, 128 * 1024)],
    ['a content type', () => readJsonBody(httpEvent({ body, headers: { 'content-type': `text/${'c'.repeat(32_000)}` } }), schema)],
  ])('cuts %s of 32,000 characters short in the error', (_name, read) => {
    const error = captured(read);
    const echoed = `${error.message}${JSON.stringify(error.details)}`;
    expect(echoed.length).toBeLessThan(MAX_ECHOED_CHARS + 256);
    expect(echoed).toMatch(/[kdc]{50,64}…/);
  });
});

const captured = (read: () => unknown): { message: string; details: { path: string; code: string }[] } => {
  try {
    read();
  } catch (error) {
    return error as { message: string; details: { path: string; code: string }[] };
  }
  throw new Error('expected a refusal');
};
