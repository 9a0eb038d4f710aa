import { describe, expect, it } from 'vitest';
import { htmlResponse, wantsJson } from '../../../functions/shared/http/html-response.ts';
import { readFormBody } from '../../../functions/shared/http/read-form-body.ts';
import { httpEvent } from '../../helpers/events.ts';

describe('htmlResponse', () => {
  it('sends the page headers: CSP without script, nosniff, no referrer, no store', () => {
    const { headers, statusCode } = htmlResponse(410, '<p>x</p>', "'sha256-abc'");
    expect(statusCode).toBe(410);
    expect(headers).toEqual({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy':
        "default-src 'none'; style-src 'sha256-abc'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    expect(headers?.['content-security-policy']).not.toMatch(/script-src|unsafe/);
  });
});

describe('wantsJson', () => {
  it.each([
    [{ accept: 'application/json' }, true],
    [{ accept: 'application/problem+json' }, true],
    [{ accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' }, false],
    [{ accept: 'text/html, application/json' }, false],
    [{ accept: '*/*' }, false],
    [{}, false],
    [undefined, false],
  ])('reads %j as %s', (headers, expected) => {
    expect(wantsJson(headers)).toBe(expected);
  });
});

describe('readFormBody', () => {
  const formEvent = (body: string, contentType = 'application/x-www-form-urlencoded', isBase64Encoded = false) =>
    ({ ...httpEvent(), headers: { 'content-type': contentType }, body, isBase64Encoded }) as any;

  it('reads repeated fields and UTF-8 text', () => {
    const form = readFormBody(formEvent('reasons=speed&reasons=courtesy&comment=%E3%81%82+b'));
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
});
