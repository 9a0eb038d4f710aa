import { describe, expect, it } from 'vitest';
import { corsPreflightHeaders, corsResponseHeaders, type HttpApiCors } from '../../../local/gateway/http-api-cors.ts';

const open: HttpApiCors = { AllowOrigins: ['*'], AllowMethods: ['GET', 'POST'], AllowHeaders: ['content-type', 'idempotency-key'], MaxAge: 86400 };
const narrow: HttpApiCors = { ...open, AllowOrigins: ['https://help.example.com'] };
const preflight = (origin: string) => ({ origin, 'access-control-request-method': 'POST' });

describe('local HTTP API CORS', () => {
  it('answers a preflight from any origin when * is allowed', () => {
    expect(corsPreflightHeaders(open, 'OPTIONS', preflight('https://a.example'))).toEqual({
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET,POST',
      'access-control-allow-headers': 'content-type,idempotency-key',
      'access-control-max-age': '86400',
    });
  });

  it.each([
    ['a plain OPTIONS request', open, 'OPTIONS', { origin: 'https://a.example' }],
    ['a POST', open, 'POST', preflight('https://a.example')],
    ['an API without CORS', undefined, 'OPTIONS', preflight('https://a.example')],
  ])('leaves %s to the routes', (_name, cors, method, headers) => {
    expect(corsPreflightHeaders(cors, method, headers)).toBeUndefined();
  });

  it('answers a preflight from an origin that is not allowed without CORS headers', () => {
    expect(corsPreflightHeaders(narrow, 'OPTIONS', preflight('https://evil.example'))).toEqual({});
  });

  it.each([
    ['an allowed origin', narrow, 'https://help.example.com', { 'access-control-allow-origin': 'https://help.example.com' }],
    ['any origin under *', open, 'https://a.example', { 'access-control-allow-origin': '*' }],
    ['another origin', narrow, 'https://evil.example', {}],
    ['no origin', open, undefined, {}],
  ])('adds the allow-origin header for %s', (_name, cors, origin, expected) => {
    expect(corsResponseHeaders(cors, origin)).toEqual(expected);
  });
});
