import { afterEach, describe, expect, it } from 'vitest';
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
const aGateway = async (options: { throttling?: HttpApiThrottling; localRoutes?: Record<string, () => Promise<unknown>> } = {}) => {
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
  return { invoked, send };
};

describe('serveHttpApi', () => {
  it('answers a local-only GET route itself, before any template route, and only for GET', async () => {
    const { invoked, send } = await aGateway({ localRoutes: { '/console/local-users': async () => ({ users: [] }) } });

    expect(await send('GET', '/console/local-users?x=1')).toEqual({ status: 200, contentType: 'application/json', text: '{"users":[]}' });
    expect((await send('POST', '/console/local-users', '{}')).status).toBe(202);
    expect(invoked).toEqual(['$default']);
  });

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
});
