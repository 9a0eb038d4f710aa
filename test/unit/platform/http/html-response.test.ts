import { describe, expect, it } from 'vitest';
import { htmlResponse, wantsJson } from '../../../../functions/platform/http/html-response.ts';

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
