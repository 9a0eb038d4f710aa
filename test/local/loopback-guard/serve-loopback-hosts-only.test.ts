import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { serveLoopbackHostsOnly } from '../../../local/loopback-guard/serve-loopback-hosts-only.ts';
import { sendWithHeaders } from '../../helpers/send-with-headers.ts';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
  server = undefined;
});

/** A server with two request listeners, as a library may attach them, guarded afterwards. */
const aGuardedServer = async (allowOrigin?: (origin: string) => boolean) => {
  const heard: string[] = [];
  server = createServer((request, response) => {
    heard.push(`first ${request.url}`);
    response.end('served');
  });
  server.on('request', (request) => heard.push(`second ${request.url}`));
  serveLoopbackHostsOnly(server, { serverName: 'The test server', ...(allowOrigin === undefined ? {} : { allowOrigin }) });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { heard, port, url: `http://127.0.0.1:${port}` };
};

describe('serveLoopbackHostsOnly', () => {
  it('passes a loopback request to every listener the server had, once each', async () => {
    const { heard, url } = await aGuardedServer();

    const answer = await fetch(`${url}/x`);

    expect(await answer.text()).toBe('served');
    expect(heard).toEqual(['first /x', 'second /x']);
  });

  it('answers 421 naming the server and its own Hosts to another Host, calling no listener', async () => {
    const { heard, port, url } = await aGuardedServer();

    const answer = await sendWithHeaders(`${url}/x`, { method: 'POST', headers: { host: `rebound.example:${port}` }, body: 'ignored' });

    expect(answer.status).toBe(421);
    expect(JSON.parse(answer.text)).toEqual({
      error: { code: 'misdirected_request', message: `The test server answers only Host 127.0.0.1:${port} or localhost:${port}` },
    });
    expect(heard).toEqual([]);
  });

  it.each([
    ['Sec-Fetch-Site same-site (another port of this machine)', { 'sec-fetch-site': 'same-site' }],
    ['an Origin of another port', { origin: 'http://127.0.0.1:9' }],
  ])('answers 403 to a request a browser marks as from another origin: %s', async (_case, headers) => {
    const { heard, port, url } = await aGuardedServer();

    const answer = await sendWithHeaders(`${url}/x`, { method: 'POST', headers: { host: `127.0.0.1:${port}`, ...headers } });

    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.text)).toMatchObject({ error: { code: 'cross_origin_refused' } });
    expect(heard).toEqual([]);
  });

  it.each([
    ['its own page', { 'sec-fetch-site': 'same-origin', origin: 'http://localhost:PORT' }],
    ['a URL typed in the address bar', { 'sec-fetch-site': 'none' }],
  ])('serves a browser’s request from %s', async (_case, headers) => {
    const { port, url } = await aGuardedServer();
    const withPort = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, value.replace('PORT', String(port))]));

    const answer = await sendWithHeaders(`${url}/x`, { headers: { host: `localhost:${port}`, ...withPort } });

    expect(answer.status).toBe(200);
  });

  it('serves the origins it is told to allow (the console calling the user pool), and still refuses every other', async () => {
    const { heard, port, url } = await aGuardedServer((origin) => origin === 'http://127.0.0.1:3000');
    const fromPage = (origin: string) =>
      sendWithHeaders(`${url}/x`, { method: 'POST', headers: { host: `127.0.0.1:${port}`, origin, 'sec-fetch-site': 'same-site' }, body: '{}' });

    expect((await fromPage('http://127.0.0.1:3000')).status).toBe(200);
    expect((await fromPage('http://127.0.0.1:3001')).status).toBe(403);
    expect((await fromPage('null')).status).toBe(403);
    expect(heard).toEqual(['first /x', 'second /x']);
  });
});
