import { request } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { HttpApiCors } from '../../../local/gateway/http-api-cors.ts';
import type { HttpApiRoute } from '../../../local/gateway/http-api-routes.ts';
import type { HttpApiThrottling } from '../../../local/gateway/http-api-throttling.ts';
import { serveHttpApi, type LocalHttpApi } from '../../../local/gateway/serve-http-api.ts';

const routes: HttpApiRoute[] = ['POST /complaints', 'POST /feedback', '$default'].map((routeKey) => ({
  routeKey,
  functionName: routeKey,
  stage: '$default',
}));

let api: LocalHttpApi | undefined;
afterEach(async () => {
  await api?.stop();
  api = undefined;
});

/** A gateway whose functions answer 202 and record which of them ran. */
const aGateway = async (options: { throttling?: HttpApiThrottling; cors?: HttpApiCors } = {}) => {
  const invoked: string[] = [];
  api = await serveHttpApi({
    port: 0,
    routes,
    ...options,
    invoke: async (functionName) => {
      invoked.push(functionName);
      return { statusCode: 202, body: '{}' };
    },
  });
  const send = async (method: string, path: string, body?: string) => {
    const response = await fetch(`${api!.url}${path}`, { method, body, headers: { 'content-type': 'application/json' } });
    return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() };
  };
  return { invoked, send, port: Number(new URL(api.url).port) };
};

/** node:http rather than fetch: fetch will not send a Host header other than the URL's, nor a Sec-Fetch-Site. */
const sendRaw = (method: string, path: string, headers: Record<string, string>) =>
  new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }>((resolve, reject) => {
    const outgoing = request(`${api!.url}${path}`, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    outgoing.on('error', reject);
    outgoing.end(method === 'GET' || method === 'OPTIONS' ? undefined : '{}');
  });

const open: HttpApiCors = { AllowOrigins: ['*'], AllowMethods: ['GET', 'POST'], AllowHeaders: ['content-type'] };
const corsHeaderNames = (headers: Record<string, unknown>) => Object.keys(headers).filter((name) => name.startsWith('access-control-'));

describe('serveHttpApi', () => {
  it('answers 429 with API Gateway’s body once a route has used its burst, without calling the function', async () => {
    // Rate 0: the bucket never refills during the test, so the outcome does not depend on timing.
    const { invoked, send } = await aGateway({ throttling: { defaultRoute: { rateLimit: 0, burstLimit: 3 }, routes: {} } });

    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await send('POST', '/feedback', '{}')).status);
    const refused = await send('POST', '/feedback', '{}');

    expect(statuses).toEqual([202, 202, 202, 429, 429]);
    expect(refused).toEqual({ status: 429, contentType: 'application/json', text: '{"message":"Too Many Requests"}' });
    expect(invoked).toEqual(['POST /feedback', 'POST /feedback', 'POST /feedback']);
  });

  it('throttles each route on its own bucket, with the route’s own settings over the default', async () => {
    const { send } = await aGateway({
      throttling: { defaultRoute: { rateLimit: 0, burstLimit: 2 }, routes: { 'POST /complaints': { rateLimit: 0, burstLimit: 1 } } },
    });

    const complaints = [(await send('POST', '/complaints', '{}')).status, (await send('POST', '/complaints', '{}')).status];
    const feedback = [(await send('POST', '/feedback', '{}')).status, (await send('POST', '/feedback', '{}')).status];

    expect(complaints).toEqual([202, 429]);
    expect(feedback).toEqual([202, 202]);
  });

  it.each(['//feedback', '/feedback/', '/feedback//', '/%E0%A4%A'])(
    'answers POST %s with API Gateway’s own 404, calling no function, not even $default',
    async (path) => {
      const { invoked, send } = await aGateway();

      const response = await send('POST', path, '{}');

      expect(response).toEqual({ status: 404, contentType: 'application/json', text: '{"message":"Not Found"}' });
      expect(invoked).toEqual([]);
    },
  );

  it('answers 413 with API Gateway’s body above the 10 MB payload quota, without calling the function', async () => {
    const { invoked, send } = await aGateway();

    const atQuota = await send('POST', '/feedback', 'x'.repeat(10 * 1024 * 1024));
    const overQuota = await send('POST', '/feedback', 'x'.repeat(10 * 1024 * 1024 + 1));

    expect(atQuota.status).toBe(202);
    expect(overQuota).toEqual({ status: 413, contentType: 'application/json', text: '{"message":"Request Entity Too Large"}' });
    expect(invoked).toEqual(['POST /feedback']);
  });

  describe('on a developer’s machine, where any web page can reach 127.0.0.1', () => {
    it.each([
      ['another name (DNS rebinding)', (port: number) => `rebound.example:${port}`],
      ['another name without a port', () => 'evil.example'],
      ['a name ending like localhost', (port: number) => `evil-localhost:${port}`],
      ['a name starting like 127.0.0.1', (port: number) => `127.0.0.1.nip.io:${port}`],
      ['127.0.0.1 without the port', () => '127.0.0.1'],
      ['localhost on another port', (port: number) => `localhost:${port + 1}`],
      ['an address it does not listen on', (port: number) => `[::1]:${port}`],
    ])('answers API Gateway’s 403 to a Host naming %s, calling no function', async (_case, host) => {
      const { invoked, port } = await aGateway({ cors: open });

      const answers = [
        await sendRaw('POST', '/feedback', { host: host(port), 'content-type': 'application/json' }),
        await sendRaw('OPTIONS', '/feedback', { host: host(port), origin: 'http://evil.example', 'access-control-request-method': 'POST' }),
      ];

      for (const answer of answers) {
        expect(answer.status).toBe(403);
        expect(answer.text).toBe('{"message":"Forbidden"}');
        expect(corsHeaderNames(answer.headers)).toEqual([]);
      }
      expect(invoked).toEqual([]);
    });

    it('answers API Gateway’s 403 to an HTTP/1.0 request without a Host', async () => {
      const { invoked, port } = await aGateway();

      // A raw socket: node:http always sends a Host.
      const socket = connect(port, '127.0.0.1');
      socket.end('POST /feedback HTTP/1.0\r\ncontent-length: 2\r\n\r\n{}');
      const chunks: Buffer[] = [];
      for await (const chunk of socket) chunks.push(chunk as Buffer);
      const answer = Buffer.concat(chunks).toString('utf8');

      expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 403 Forbidden');
      expect(answer.endsWith('\r\n\r\n{"message":"Forbidden"}')).toBe(true);
      expect(invoked).toEqual([]);
    });

    it.each([['127.0.0.1'], ['localhost'], ['LOCALHOST']])('serves every route to Host %s with its own port', async (name) => {
      const { invoked, port } = await aGateway();

      expect((await sendRaw('POST', '/feedback', { host: `${name}:${port}`, 'content-type': 'application/json' })).status).toBe(202);
      expect(invoked).toEqual(['POST /feedback']);
    });
  });
});
