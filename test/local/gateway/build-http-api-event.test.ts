import { describe, expect, it } from 'vitest';
import { buildHttpApiEvent, formatRequestTime, type HttpRequestParts } from '../../../local/gateway/build-http-api-event.ts';
import { OBJECT_PROTOTYPE_NAMES } from '../../helpers/object-prototype-names.ts';

const aRequest = (overrides: Partial<HttpRequestParts> = {}): HttpRequestParts => ({
  method: 'POST',
  url: '/complaints',
  headers: { host: ['127.0.0.1:3000'], 'content-type': ['application/json'], 'user-agent': ['curl/8'] },
  body: Buffer.from('{"a":1}'),
  sourceIp: '127.0.0.1',
  requestId: 'req-1',
  now: new Date('2020-03-12T19:03:58Z'),
  ...overrides,
});
const route = { routeKey: 'POST /complaints', stage: '$default' };

describe('buildHttpApiEvent', () => {
  it('builds a payload format 2.0 event with the request context', () => {
    // Act
    const event = buildHttpApiEvent(aRequest(), route);

    // Assess
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /complaints',
      rawPath: '/complaints',
      rawQueryString: '',
      body: '{"a":1}',
      isBase64Encoded: false,
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'http', host: '127.0.0.1:3000' },
      requestContext: {
        domainName: '127.0.0.1:3000',
        http: { method: 'POST', path: '/complaints', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'curl/8' },
        requestId: 'req-1',
        routeKey: 'POST /complaints',
        stage: '$default',
        time: '12/Mar/2020:19:03:58 +0000',
        timeEpoch: Date.parse('2020-03-12T19:03:58Z'),
      },
    });
    expect(event).not.toHaveProperty('queryStringParameters');
    expect(event).not.toHaveProperty('cookies');
  });

  it('joins repeated query values and headers with commas', () => {
    const event = buildHttpApiEvent(aRequest({ url: '/s?lang=en&lang=ja&x=%20y', headers: { accept: ['a', 'b'] } }), route);

    expect(event.rawQueryString).toBe('lang=en&lang=ja&x=%20y');
    expect(event.queryStringParameters).toEqual({ lang: 'en,ja', x: ' y' });
    expect(event.headers['accept']).toBe('a,b');
  });

  it('passes query parameters and headers named like members of Object.prototype as their own entries, as API Gateway does', () => {
    const query = OBJECT_PROTOTYPE_NAMES.map((name) => `${name}=a&${name}=b`).join('&');
    // Node's headersDistinct has no prototype, so a "__proto__" header arrives as an own key.
    const headers = Object.fromEntries(OBJECT_PROTOTYPE_NAMES.map((name) => [name.toLowerCase(), ['v']]));

    const event = buildHttpApiEvent(aRequest({ url: `/s?${query}`, headers }), route);

    expect(Object.entries(event.queryStringParameters ?? {})).toEqual(OBJECT_PROTOTYPE_NAMES.map((name) => [name, 'a,b']));
    expect(Object.entries(event.headers)).toEqual(expect.arrayContaining(OBJECT_PROTOTYPE_NAMES.map((name) => [name.toLowerCase(), 'v'])));
  });

  it('moves cookies out of the headers', () => {
    const event = buildHttpApiEvent(aRequest({ headers: { cookie: ['a=1; b=2'] } }), route);

    expect(event.cookies).toEqual(['a=1', 'b=2']);
    expect(event.headers).not.toHaveProperty('cookie');
  });

  it('passes path parameters of the matched route', () => {
    const event = buildHttpApiEvent(aRequest(), { ...route, pathParameters: { id: 'c-1' } });

    expect(event.pathParameters).toEqual({ id: 'c-1' });
  });

  it.each([
    ['application/json', false],
    ['text/html; charset=utf-8', false],
    ['application/problem+json', false],
    ['application/x-www-form-urlencoded', true],
    ['application/octet-stream', true],
    ['image/png', true],
  ])('base64-encodes the body for %s: %s', (contentType, isBase64Encoded) => {
    const event = buildHttpApiEvent(aRequest({ headers: { 'content-type': [contentType] }, body: Buffer.from('é=1') }), route);

    expect(event.isBase64Encoded).toBe(isBase64Encoded);
    expect(Buffer.from(event.body!, isBase64Encoded ? 'base64' : 'utf8').toString()).toBe('é=1');
  });

  it.each([
    ['a Latin-1 byte', [0x7b, 0x22, 0x63, 0x22, 0x3a, 0x22, 0x63, 0x61, 0x66, 0xe9, 0x22, 0x7d]],
    ['a lone continuation byte', [0x22, 0x80, 0x22]],
    ['a truncated sequence', [0x22, 0xe3, 0x81, 0x22]],
    ['an encoded surrogate', [0x22, 0xed, 0xa0, 0x80, 0x22]],
  ])('base64-encodes a text body holding %s, as a binary payload, byte for byte', (_name, bytes) => {
    const body = Buffer.from(bytes);

    const event = buildHttpApiEvent(aRequest({ body }), route);

    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body!, 'base64').equals(body)).toBe(true);
  });

  it('passes valid UTF-8 of a text content type as text', () => {
    const event = buildHttpApiEvent(aRequest({ body: Buffer.from('{"c":"三日 🙂"}') }), route);

    expect(event.isBase64Encoded).toBe(false);
    expect(event.body).toBe('{"c":"三日 🙂"}');
  });

  it('leaves the body out when there is none', () => {
    const event = buildHttpApiEvent(aRequest({ method: 'GET', body: Buffer.alloc(0) }), route);

    expect(event).not.toHaveProperty('body');
    expect(event.isBase64Encoded).toBe(false);
  });

  it('formats single-digit days and months with a leading zero', () => {
    expect(formatRequestTime(new Date('2024-01-05T03:04:05Z'))).toBe('05/Jan/2024:03:04:05 +0000');
  });
});
