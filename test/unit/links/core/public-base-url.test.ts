import { describe, expect, it } from 'vitest';
import { parsePublicBaseUrl } from '../../../../functions/links/core/public-base-url.ts';

describe('parsePublicBaseUrl', () => {
  it.each(['https://abc123.execute-api.eu-west-1.amazonaws.com', 'https://support.example.com/feedback/', 'http://127.0.0.1:3105'])('accepts %s', (value) => {
    expect(parsePublicBaseUrl(value).href.startsWith(value)).toBe(true);
  });

  it.each([
    ['a relative path', '/complaints', 'not_a_url'],
    ['a host without a scheme', 'support.example.com', 'not_a_url'],
    ['a host and port without a scheme', 'localhost:3000', 'not_http'],
    ['another scheme', 'gopher://support.example.com', 'not_http'],
    ['javascript:', 'javascript:alert(1)', 'not_http'],
    ['credentials', 'https://user:pass@support.example.com', 'has_credentials'],
    ['a fragment', 'https://evil.example/phish#', 'has_query_or_fragment'],
    ['a query', 'https://support.example.com/?a=1', 'has_query_or_fragment'],
    ['an empty query', 'https://support.example.com/?', 'has_query_or_fragment'],
  ])('refuses %s', (_name, value, code) => {
    expect(() => parsePublicBaseUrl(value)).toThrow(expect.objectContaining({ name: 'InvalidPublicBaseUrlError', code }));
  });
});
