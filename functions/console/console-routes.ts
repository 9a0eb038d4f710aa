import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { type ConsoleSignIn, renderConsoleShell } from './render-console-shell.ts';
import { ownValue } from '../platform/own-value.ts';
import { RequestError } from '../platform/http/request-errors.ts';

/** The console's two bundled files, as esbuild wrote them next to the function's bundle. */
export interface ConsoleAssets {
  readonly script: string;
  readonly style: string;
}

interface Asset {
  readonly contentType: string;
  readonly version: string;
  /** The bodies as API Gateway takes binary ones, base64, encoded once per environment rather than per request. */
  readonly plainBase64: string;
  readonly gzippedBase64: string;
}

const assetOf = (contentType: string, text: string): Asset => {
  const plain = Buffer.from(text);
  return {
    contentType,
    version: createHash('sha256').update(plain).digest('hex').slice(0, 16),
    plainBase64: plain.toString('base64'),
    gzippedBase64: gzipSync(plain, { level: 9 }).toString('base64'),
  };
};

/**
 * The console's policy: its own script, style and API only; Cognito's endpoint too where the
 * console signs in there. Nothing inline, no framing, no `<base>`, forms only to this origin.
 *
 * @internal exported for its tests only
 */
export const consoleContentSecurityPolicy = (signIn: ConsoleSignIn | undefined): string =>
  [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src 'self'${signIn === undefined ? '' : ` ${new URL(signIn.endpoint).origin}`}`,
    // The shell's icon is inline (functions/platform/pages/favicon.ts).
    "img-src 'self' data:",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');

const acceptsGzip = (event: APIGatewayProxyEventV2) => /\bgzip\b/i.test(event.headers?.['accept-encoding'] ?? '');

/**
 * `GET /console` (the shell) and `GET /console/{asset}` (`app.js`, `app.css`). The shell names
 * each file with its content hash (`?v=`), so a file fetched by its current hash is cached for a
 * year (`immutable`) and a new deployment is picked up at the next load of the shell, which is
 * never cached. Files are gzipped when the browser accepts it: API Gateway's HTTP APIs do not
 * compress.
 *
 * @example
 * ```ts
 * const handle = consoleRoutes({ script, style }, { endpoint: 'https://cognito-idp.eu-west-1.amazonaws.com/', clientId: 'abc' });
 * ```
 */
export const consoleRoutes = (assets: ConsoleAssets, signIn?: ConsoleSignIn) => {
  const files: Readonly<Record<string, Asset>> = {
    'app.js': assetOf('text/javascript; charset=utf-8', assets.script),
    'app.css': assetOf('text/css; charset=utf-8', assets.style),
  };
  const shell = assetOf(
    'text/html; charset=utf-8',
    renderConsoleShell({ scriptPath: `/console/app.js?v=${files['app.js']!.version}`, stylePath: `/console/app.css?v=${files['app.css']!.version}`, signIn }),
  );
  const securityHeaders = {
    'content-security-policy': consoleContentSecurityPolicy(signIn),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
  const respond = (event: APIGatewayProxyEventV2, asset: Asset, cacheControl: string): APIGatewayProxyStructuredResultV2 => {
    const gzip = acceptsGzip(event);
    return {
      statusCode: 200,
      headers: {
        'content-type': asset.contentType,
        ...securityHeaders,
        'cache-control': cacheControl,
        vary: 'accept-encoding',
        ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      },
      body: gzip ? asset.gzippedBase64 : asset.plainBase64,
      isBase64Encoded: true,
    };
  };

  return async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    if (event.routeKey === 'GET /console') return respond(event, shell, 'no-cache');
    // Own keys only: files['constructor'] is Object itself, which had no body and no version, so
    // it answered an empty 200 that a missing `?v=` made cacheable for a year.
    const file = ownValue(files, event.pathParameters?.['asset']);
    if (file === undefined) throw new RequestError(404, 'route_not_found', 'The console has no such file.');
    const current = event.queryStringParameters?.['v'] === file.version;
    return respond(event, file, current ? 'public, max-age=31536000, immutable' : 'no-cache');
  };
};
