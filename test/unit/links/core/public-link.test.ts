import { describe, expect, it } from 'vitest';
import { parsePublicBaseUrl } from '../../../../functions/links/core/public-base-url.ts';
import { publicLink } from '../../../../functions/links/core/public-link.ts';

describe('publicLink', () => {
  it.each([
    ['the API endpoint', 'https://abc123.execute-api.eu-west-1.amazonaws.com', 'https://abc123.execute-api.eu-west-1.amazonaws.com/complaints/status'],
    ['a custom domain with a base path', 'https://support.example.com/feedback', 'https://support.example.com/feedback/complaints/status'],
    ['a base path with a trailing slash', 'https://support.example.com/feedback/', 'https://support.example.com/feedback/complaints/status'],
    ['a nested base path', 'https://example.com/a/b', 'https://example.com/a/b/complaints/status'],
    ['the local gateway', 'http://127.0.0.1:3105', 'http://127.0.0.1:3105/complaints/status'],
  ])('keeps the whole base of %s', (_name, base, expected) => {
    expect(publicLink(parsePublicBaseUrl(base), '/complaints/status')).toBe(expected);
    expect(publicLink(parsePublicBaseUrl(base), 'complaints/status')).toBe(expected);
  });

  it('appends the query, encoded', () => {
    const link = publicLink(parsePublicBaseUrl('https://support.example.com/feedback'), '/surveys/answer', { token: 'a.b_c-d', rating: '5 & up' });
    expect(link).toBe('https://support.example.com/feedback/surveys/answer?token=a.b_c-d&rating=5+%26+up');
    expect(new URL(link).searchParams.get('rating')).toBe('5 & up');
  });

  it('leaves the base it was given unchanged', () => {
    const base = parsePublicBaseUrl('https://support.example.com/feedback');
    publicLink(base, '/complaints/status', { token: 't' });
    expect(base.href).toBe('https://support.example.com/feedback');
  });
});
