import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/**
 * The policy of every customer page: nothing loads but the one hashed inline style and the inline
 * icon (`data:`), no script at all, forms post only to this origin, no page may frame it (clickjacking a one-click button),
 * and no `<base>` may redirect relative links.
 */
const pageContentSecurityPolicy = (styleSource: string): string =>
  `default-src 'none'; style-src ${styleSource}; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;

/**
 * An HTML page response with the headers every customer page needs: the CSP above, `nosniff`,
 * `no-referrer` (the signed token is in the URL and must not leak to another site) and
 * `no-store` (a shared computer must not show the survey from its cache).
 *
 * @example
 * ```ts
 * return htmlResponse(200, renderMessagePage('ja', 'thank_you'), PAGE_STYLE_SOURCE);
 * ```
 */
export const htmlResponse = (statusCode: number, html: string, styleSource: string): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': pageContentSecurityPolicy(styleSource),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  },
  body: html,
});

/**
 * True when the client asked for JSON rather than a page (`Accept: application/json` without
 * `text/html`); browsers always list `text/html`.
 *
 * @example
 * ```ts
 * if (wantsJson(event.headers)) return jsonResponse(200, view);
 * ```
 */
export const wantsJson = (headers: Readonly<Record<string, string | undefined>> | undefined): boolean => {
  const accept = headers?.accept ?? '';
  return /application\/(?:[\w.+-]+\+)?json/i.test(accept) && !/text\/html/i.test(accept);
};
