import { FAVICON_LINK } from '../platform/pages/favicon.ts';
import { escapeHtml } from '../platform/pages/escape-html.ts';

/** Where the console signs in: the user pool's API endpoint and its public app client. */
export interface ConsoleSignIn {
  /** `https://cognito-idp.<region>.amazonaws.com/` on AWS; the emulated pool's address locally. */
  readonly endpoint: string;
  readonly clientId: string;
}

/**
 * The sign-in endpoint of a user pool from its `ProviderURL` (`https://cognito-idp.<region>.amazonaws.com/<pool id>`,
 * with or without the scheme): Cognito's API is served at that origin's root.
 *
 * @example
 * signInEndpointOf('https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC'); // 'https://cognito-idp.eu-west-1.amazonaws.com/'
 */
export const signInEndpointOf = (providerUrl: string): string => new URL('/', /^https?:\/\//.test(providerUrl) ? providerUrl : `https://${providerUrl}`).href;

/**
 * The console's HTML: an empty shell that loads the one script and the one stylesheet by their
 * content-hashed paths; the script renders everything else. No inline script or style, so the
 * Content-Security-Policy can say `script-src 'self'; style-src 'self'` and nothing more. The
 * Cognito settings travel as data attributes (not secrets: an app client id is public).
 *
 * @example
 * ```ts
 * renderConsoleShell({ scriptPath: '/console/app.js?v=1a2b', stylePath: '/console/app.css?v=3c4d' });
 * ```
 */
export const renderConsoleShell = (options: { readonly scriptPath: string; readonly stylePath: string; readonly signIn?: ConsoleSignIn | undefined }): string =>
  [
    '<!doctype html>',
    '<html lang="en">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="referrer" content="no-referrer"><title>Supervisor console</title>${FAVICON_LINK}`,
    `<link rel="stylesheet" href="${escapeHtml(options.stylePath)}">`,
    `<script type="module" src="${escapeHtml(options.scriptPath)}"></script></head>`,
    options.signIn === undefined
      ? '<body>'
      : `<body data-sign-in-endpoint="${escapeHtml(options.signIn.endpoint)}" data-sign-in-client-id="${escapeHtml(options.signIn.clientId)}">`,
    '<div id="console"><noscript>The supervisor console needs JavaScript. / スーパーバイザーコンソールには JavaScript が必要です。</noscript></div>',
    '</body></html>',
  ].join('\n');
