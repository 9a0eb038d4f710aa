import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { readFormBody } from '../../../functions/shared/http/read-form-body.ts';
import { httpEvent } from '../../helpers/events.ts';

const formPost = (body: string): APIGatewayProxyEventV2 =>
  httpEvent({ method: 'POST', path: '/s/token', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });

const refusalOf = (read: () => unknown) => {
  try {
    read();
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
};

describe('readFormBody', () => {
  it('reads each field and every value of a field declared repeatable, in order', () => {
    const form = readFormBody(formPost('score=4&reasons=speed&reasons=courtesy&comment=Thanks'), { repeatable: ['reasons'] });
    expect(form.get('score')).toBe('4');
    expect(form.getAll('reasons')).toEqual(['speed', 'courtesy']);
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
    expect(refusalOf(() => readFormBody(formPost(body), { repeatable: ['reasons'] }))).toMatchObject({
      statusCode: 400,
      code: 'duplicate_field',
      details: [{ path: field, code: 'duplicate_field', message: expect.any(String) }],
    });
  });

  it('refuses a repeated field when nothing is declared repeatable', () => {
    expect(refusalOf(() => readFormBody(formPost('List-Unsubscribe=One-Click&List-Unsubscribe=One-Click')))).toMatchObject({ code: 'duplicate_field' });
  });

  it('still refuses broken percent-escapes and non-form bodies', () => {
    expect(refusalOf(() => readFormBody(formPost('score=%E0%A4')))).toMatchObject({ code: 'invalid_form' });
    expect(refusalOf(() => readFormBody(httpEvent({ method: 'POST', path: '/s/token', body: '{}' })))).toMatchObject({ code: 'unsupported_media_type' });
  });
});
