import type { IncomingHttpHeaders } from 'node:http';

/**
 * Why the browser that sent a request says it came from a page of another origin, or undefined
 * when nothing says so. Browsers send `Sec-Fetch-Site` (Fetch Metadata) with every request and
 * `Origin` with every cross-origin one and every POST, even a `no-cors` `text/plain` POST that
 * needs no preflight; curl and scripts send neither, so they pass. Another port of localhost is
 * `same-site`, not `same-origin`: it is refused too. Call it after {@link isLoopbackHost}, so
 * that `Host` names this server.
 *
 * @example
 * crossOriginReason({ host: '127.0.0.1:3000', 'sec-fetch-site': 'same-site' }); // 'Sec-Fetch-Site is same-site'
 * crossOriginReason({ host: '127.0.0.1:3000' }); // undefined: curl
 */
export function crossOriginReason(
  headers: IncomingHttpHeaders,
  options: {
    /** Also admits `Sec-Fetch-Site: none`: a URL the user typed or bookmarked, which no page can send. @default false */
    readonly userNavigation?: boolean;
  } = {},
): string | undefined {
  const site = headers['sec-fetch-site'];
  const sites = options.userNavigation ? ['same-origin', 'none'] : ['same-origin'];
  if (site !== undefined && !sites.includes(site)) return `Sec-Fetch-Site is ${site}`;
  const origin = headers.origin;
  if (origin !== undefined && (originOf(origin) === undefined || originOf(origin) !== originOf(`http://${headers.host}`))) {
    return `Origin ${origin} is not this server’s`;
  }
  return undefined;
}

/** The origin as URL serializes it (lower case, no default port); undefined for `null` and anything else that is no URL. */
const originOf = (url: string): string | undefined => (URL.canParse(url) ? new URL(url).origin : undefined);
