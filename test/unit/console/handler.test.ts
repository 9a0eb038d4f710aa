import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { consoleContentSecurityPolicy, consoleRoutes } from '../../../functions/console/console-routes.ts';
import { httpHandler } from '../../../functions/platform/http/http-handler.ts';
import { RequestError } from '../../../functions/platform/http/request-errors.ts';
import { renderConsoleShell, signInEndpointOf } from '../../../functions/console/render-console-shell.ts';
import { httpEvent, lambdaContext } from '../../helpers/events.ts';
import { OBJECT_PROTOTYPE_NAMES } from '../../helpers/object-prototype-names.ts';

const assets = { script: 'console.log("console")', style: 'body{margin:0}' };
const handle = consoleRoutes(assets);

const get = (path: string, options: { query?: Record<string, string>; headers?: Record<string, string>; asset?: string } = {}) => {
  const event = httpEvent({ method: 'GET', path, body: undefined, ...(options.query ? { query: options.query } : {}), headers: options.headers ?? {} });
  return handle({
    ...event,
    routeKey: options.asset === undefined ? 'GET /console' : 'GET /console/{asset}',
    pathParameters: options.asset ? { asset: options.asset } : undefined,
  });
};
const textOf = (response: Awaited<ReturnType<typeof handle>>) => {
  const bytes = Buffer.from(response.body ?? '', 'base64');
  return (response.headers?.['content-encoding'] === 'gzip' ? gunzipSync(bytes) : bytes).toString('utf8');
};
const versionOf = (html: string, file: string) => new RegExp(`/console/${file.replace('.', '\\.')}\\?v=([0-9a-f]{16})`).exec(html)?.[1];

describe('GET /console', () => {
  it('serves the shell with the console policy, nosniff, no-referrer and no caching', async () => {
    const response = await get('/console');
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy':
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache',
    });
    const html = textOf(response);
    expect(html).toContain('<html lang="en">');
    expect(html).not.toMatch(/<script>|<style>| style=/);
  });

  it('names each file by its content hash, which changes with the content', async () => {
    const html = textOf(await get('/console'));
    const other = textOf(await consoleRoutes({ ...assets, script: 'console.log(2)' })(httpEvent({ method: 'GET', path: '/console', body: undefined })));
    expect(versionOf(html, 'app.js')).toBeDefined();
    expect(versionOf(other, 'app.js')).not.toBe(versionOf(html, 'app.js'));
    expect(versionOf(other, 'app.css')).toBe(versionOf(html, 'app.css'));
  });

  it('lets the page call the user pool only where the console signs in there', () => {
    const cognito = { endpoint: 'https://cognito-idp.eu-west-1.amazonaws.com/', clientId: 'abc' };
    expect(consoleContentSecurityPolicy(cognito)).toContain("connect-src 'self' https://cognito-idp.eu-west-1.amazonaws.com;");
    expect(consoleContentSecurityPolicy({ endpoint: 'http://127.0.0.1:40123/', clientId: 'abc' })).toContain("connect-src 'self' http://127.0.0.1:40123;");
    expect(consoleContentSecurityPolicy(undefined)).toContain("connect-src 'self';");
    expect(renderConsoleShell({ scriptPath: '/a.js', stylePath: '/a.css', signIn: { ...cognito, clientId: '"><x' } })).toContain(
      'data-sign-in-client-id="&quot;&gt;&lt;x"',
    );
  });

  it('finds the pool’s API from its ProviderURL, with or without the scheme', () => {
    expect(signInEndpointOf('https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC')).toBe('https://cognito-idp.eu-west-1.amazonaws.com/');
    expect(signInEndpointOf('cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC')).toBe('https://cognito-idp.eu-west-1.amazonaws.com/');
    expect(signInEndpointOf('http://127.0.0.1:40123/us-east-1_Pool')).toBe('http://127.0.0.1:40123/');
  });
});

describe('GET /console/{asset}', () => {
  it('caches a file for a year when asked by its current hash, and revalidates otherwise', async () => {
    const version = versionOf(textOf(await get('/console')), 'app.js')!;
    const current = await get('/console/app.js', { asset: 'app.js', query: { v: version } });
    expect(current.headers).toMatchObject({ 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=31536000, immutable' });
    expect(textOf(current)).toBe(assets.script);
    expect((await get('/console/app.js', { asset: 'app.js', query: { v: 'old' } })).headers?.['cache-control']).toBe('no-cache');
  });

  it('gzips when the browser accepts it', async () => {
    const response = await get('/console/app.css', { asset: 'app.css', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(response.headers).toMatchObject({ 'content-encoding': 'gzip', vary: 'accept-encoding', 'content-type': 'text/css; charset=utf-8' });
    expect(textOf(response)).toBe(assets.style);
  });

  it.each(['app.ts', '..%2Fhandler.mjs', ''])('answers 404 for %j', async (asset) => {
    await expect(get(`/console/${asset}`, { asset })).rejects.toMatchObject({ constructor: RequestError, statusCode: 404 });
  });

  // Object.prototype has these names: they are not files of the console, with or without ?v=.
  it.each(
    OBJECT_PROTOTYPE_NAMES.flatMap(
      (asset) =>
        [
          [asset, undefined],
          [asset, '0123456789abcdef'],
        ] as const,
    ),
  )('answers 404 with the JSON error body for %j (v=%s), never a cacheable empty file', async (asset, v) => {
    const event = httpEvent({ method: 'GET', path: `/console/${asset}`, body: undefined, ...(v === undefined ? {} : { query: { v } }) });
    const response = await httpHandler(handle)({ ...event, routeKey: 'GET /console/{asset}', pathParameters: { asset } }, lambdaContext());
    expect(response.statusCode).toBe(404);
    expect(JSON.parse(response.body ?? '')).toEqual({ error: { code: 'route_not_found', message: 'The console has no such file.', details: [] } });
    expect(response.headers?.['cache-control'] ?? '').not.toMatch(/max-age|immutable/);
  });
});
