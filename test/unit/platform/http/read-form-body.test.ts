import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { readFormBody } from '../../../../functions/platform/http/read-form-body.ts';
import { httpEvent } from '../../../helpers/events.ts';

const formEvent = (body: string, contentType = 'application/x-www-form-urlencoded', isBase64Encoded = false) =>
  ({ ...httpEvent(), headers: { 'content-type': contentType }, body, isBase64Encoded }) as APIGatewayProxyEventV2;

const refusalOf = (read: () => unknown) => {
  try {
    read();
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
};

describe('readFormBody', () => {
  it('reads the fields declared repeatable as every value, in order, and UTF-8 text', () => {
    const form = readFormBody(formEvent('score=4&reasons=speed&reasons=courtesy&comment=%E3%81%82+b'), { repeatable: ['reasons'] });
    expect(form.get('score')).toBe('4');
    expect(form.getAll('reasons')).toEqual(['speed', 'courtesy']);
    expect(form.get('comment')).toBe('あ b');
  });

  it('reads a base64-encoded body as API Gateway passes it', () => {
    expect(readFormBody(formEvent(Buffer.from('score=4').toString('base64'), undefined, true)).get('score')).toBe('4');
  });

  it.each([
    ['JSON', formEvent('{}', 'application/json'), 'unsupported_media_type'],
    ['a broken percent-escape of UTF-8', formEvent('comment=%FF'), 'invalid_form'],
    ['a body over 32 KiB', formEvent(`comment=${'a'.repeat(33 * 1024)}`), 'payload_too_large'],
  ])('refuses %s', (_name, event, code) => {
    expect(() => readFormBody(event)).toThrow(expect.objectContaining({ code }));
  });

  // URLSearchParams keeps both and `get` answers the first, while other readers take the last: a
  // body two components read differently is refused, as a JSON member named twice is.
  it.each([
    ['the same value twice', 'score=3&score=3', 'score'],
    ['two values', 'score=3&score=1', 'score'],
    ['a name spelled with a percent escape', 'score=3&%73core=1', 'score'],
    ['an empty value beside a value', 'comment=&comment=hello', 'comment'],
    ['a field not declared repeatable while another is', 'reasons=speed&ces=2&ces=5', 'ces'],
  ])('refuses a field sent twice (%s) with 400 duplicate_field naming it', (_name, body, field) => {
    expect(refusalOf(() => readFormBody(formEvent(body), { repeatable: ['reasons'] }))).toMatchObject({
      statusCode: 400,
      code: 'duplicate_field',
      details: [{ path: field, code: 'duplicate_field', message: expect.any(String) }],
    });
  });

  it('refuses a repeated field when nothing is declared repeatable', () => {
    expect(refusalOf(() => readFormBody(formEvent('List-Unsubscribe=One-Click&List-Unsubscribe=One-Click')))).toMatchObject({ code: 'duplicate_field' });
  });
});
