/**
 * An absolute link to `path` under the configured public base URL, with `query` appended. The
 * base path is kept whether or not the base ends in a slash, and nothing comes from the request
 * (its Host and X-Forwarded-* headers are whatever the caller sent).
 *
 * @example
 * ```ts
 * publicLink(new URL('https://support.example.com/feedback'), '/complaints/status', { token: 't' });
 * // 'https://support.example.com/feedback/complaints/status?token=t'
 * ```
 */
export const publicLink = (baseUrl: URL, path: string, query: Readonly<Record<string, string>> = {}): string => {
  const base = new URL(baseUrl);
  // A relative reference replaces the last path segment unless the base ends in `/`, and a
  // leading `/` would replace the whole base path: join as directory + relative path.
  if (!base.pathname.endsWith('/')) base.pathname = `${base.pathname}/`;
  const url = new URL(path.replace(/^\/+/, ''), base);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url.href;
};
