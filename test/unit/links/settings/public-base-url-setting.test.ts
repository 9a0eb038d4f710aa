import { describe, expect, it } from 'vitest';
import { publicBaseUrlSetting } from '../../../../functions/links/settings/public-base-url-setting.ts';
import { readRuntimeConfig } from '../../../../functions/platform/settings/runtime-config.ts';

const read = (PUBLIC_BASE_URL: string | undefined) => readRuntimeConfig({ PUBLIC_BASE_URL: publicBaseUrlSetting }, { PUBLIC_BASE_URL });

describe('the PUBLIC_BASE_URL setting', () => {
  it('parses a custom domain with a base path into a URL', () => {
    expect(read('https://support.example.com/feedback').PUBLIC_BASE_URL.href).toBe('https://support.example.com/feedback');
  });

  it.each([
    ['unset', undefined, /PUBLIC_BASE_URL/],
    ['carrying a fragment', 'https://evil.example/phish#', /PUBLIC_BASE_URL: .*has_query_or_fragment/],
    ['not http(s)', 'gopher://support.example.com', /PUBLIC_BASE_URL: .*not_http/],
  ])('fails the cold start, naming the variable, when %s', (_name, value, message) => {
    expect(() => read(value)).toThrow(message);
  });
});
