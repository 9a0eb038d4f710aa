import { describe, expect, it } from 'vitest';
import { toHttpResponse } from '../../../local/gateway/to-http-response.ts';

describe('toHttpResponse', () => {
  it.each([
    ['a structured response', { statusCode: 202, headers: { 'Content-Type': 'application/json' }, body: '{"id":1}' }, 202, '{"id":1}', 'application/json'],
    ['a base64 body', { statusCode: 200, body: Buffer.from('bin').toString('base64'), isBase64Encoded: true }, 200, 'bin', undefined],
    ['an object without statusCode', { ok: true }, 200, '{"ok":true}', 'application/json'],
    ['a string', 'hello', 200, 'hello', 'application/json'],
    ['null', null, 200, 'null', 'application/json'],
    ['an invalid statusCode', { statusCode: 'x' }, 500, '{"message":"Internal Server Error"}', 'application/json'],
  ])('maps %s', (_name, result, statusCode, body, contentType) => {
    const response = toHttpResponse(result);

    expect(response.statusCode).toBe(statusCode);
    expect(response.body.toString()).toBe(body);
    expect(response.headers['content-type']).toBe(contentType);
  });

  it('passes cookies through', () => {
    expect(toHttpResponse({ statusCode: 200, cookies: ['a=1; Secure'] }).cookies).toEqual(['a=1; Secure']);
  });
});
