import { CodedError } from '../../platform/coded-error.ts';

/** Why a configured public base URL was refused; `code` is stable for tests and logs. */
class InvalidPublicBaseUrlError extends CodedError<'not_a_url' | 'not_http' | 'has_credentials' | 'has_query_or_fragment'> {
  override readonly name = 'InvalidPublicBaseUrlError';

  constructor(code: InvalidPublicBaseUrlError['code'], value: string, options?: ErrorOptions) {
    super(
      code,
      `The public base URL "${value.slice(0, 200)}" is refused (${code}): give an absolute http(s) URL, optionally with a base path, and no credentials, query or fragment.`,
      options,
    );
  }
}

/**
 * Checks the one configured base every customer-facing link is built from (status links today,
 * survey and unsubscribe links in emails next) and returns it as a URL. A base path such as
 * `https://support.example.com/feedback` is kept; a query or fragment is refused because links
 * append their own path and query after it.
 *
 * @example
 * ```ts
 * parsePublicBaseUrl('https://support.example.com/feedback').pathname; // '/feedback'
 * parsePublicBaseUrl('https://evil.example/phish#'); // throws InvalidPublicBaseUrlError
 * ```
 */
export const parsePublicBaseUrl = (value: string): URL => {
  let url: URL;
  try {
    url = new URL(value);
  } catch (cause) {
    throw new InvalidPublicBaseUrlError('not_a_url', value, { cause });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new InvalidPublicBaseUrlError('not_http', value);
  if (url.username !== '' || url.password !== '') throw new InvalidPublicBaseUrlError('has_credentials', value);
  // `new URL` drops an empty `?` or `#`, so look at the text too.
  if (value.includes('?') || value.includes('#')) throw new InvalidPublicBaseUrlError('has_query_or_fragment', value);
  return url;
};
